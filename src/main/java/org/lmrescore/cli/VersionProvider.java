package org.lmrescore.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"lmrescore " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
}
