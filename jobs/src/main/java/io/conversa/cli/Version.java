package io.conversa.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"conversa " + (version == null ? "dev" : version) + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
  }
}
