package org.lmrescore.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.lmrescore.util.Log;

/**
 * The one place the jobs open their Spark context: the master and everything else from Spark's
 * own configuration ({@code spark-submit}, {@code spark.*} system properties); Spark's log at
 * WARN unless {@code --verbose} (the job's own summary is what matters) with its console
 * progress bar of stages and tasks shown.
 */
final class SparkContexts {
    private SparkContexts() {
    }

    static JavaSparkContext open(String job) {
        SparkConf conf = new SparkConf().setAppName("lmrescore " + job).setIfMissing("spark.ui.showConsoleProgress", "true");
        JavaSparkContext sc = new JavaSparkContext(conf);
        if (!Log.verbose()) {
            sc.setLogLevel("WARN");
        }
        return sc;
    }
}
