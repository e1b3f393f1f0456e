package io.conversa.cli;

import picocli.CommandLine.Option;

/** {@code --lake}: the lake every command but generate and keygen reads or writes. */
final class LakeOption {
  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root: a folder or a URI (s3a://, abfss://, gs://, hdfs://) (default: ${DEFAULT-VALUE}).")
  String root;
}
