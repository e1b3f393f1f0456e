package io.conversa.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Reads log files line by line as raw bytes, with file, line number and byte offset, and stages
 * each line through a {@link LineStager}. Hadoop's text input is used rather than Spark's text
 * source because it keeps undecodable bytes (to be quarantined as not_utf8, not silently
 * replaced) and gives each line's offset; gzip is decompressed by the codec of the file ending.
 */
final class LogLineReader {
  private LogLineReader() {}

  static Dataset<Row> stage(SparkSession spark, List<LogFile> files, LineStager stager) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    // Local logs are read as they are now, not against a stale .crc sidecar (see the class).
    conf.set("fs.file.impl", UncheckedLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    Job job;
    try {
      job = Job.getInstance(conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Input paths are glob patterns to Hadoop: a file named log[1].jsonl must be escaped.
    Path[] paths = files.stream().map(f -> new Path(escapeGlob(f.path()))).toArray(Path[]::new);
    try {
      FileInputFormat.setInputPaths(job, paths);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>)
            jsc.newAPIHadoopRDD(job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    JavaRDD<InternalRow> staged =
        lines.mapPartitionsWithInputSplit(
            (split, records) -> new StagingIterator((FileSplit) split, records, stager), true);
    // Rows are built in Spark's internal form already: no per-row conversion.
    return spark.internalCreateDataFrame(staged.rdd(), StagedLines.SCHEMA.schema(), false);
  }

  static String escapeGlob(String path) {
    StringBuilder escaped = new StringBuilder(path.length());
    for (char c : path.toCharArray()) {
      if ("\\*?[]{}".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /**
   * Lazily stages a split's lines; line numbers are exact only for a split that starts the
   * file. A file that ends mid-stream (a gzip cut off by rotation or a crash) yields the lines
   * read so far and one quarantined truncated_file row, instead of failing the run.
   */
  private static final class StagingIterator implements Iterator<InternalRow> {
    private final String file;
    private final boolean countsLines;
    private final Iterator<scala.Tuple2<LongWritable, Text>> records;
    private final LineStager stager;
    private long lineNumber;

    StagingIterator(FileSplit split, Iterator<scala.Tuple2<LongWritable, Text>> records, LineStager stager) {
      this.file = split.getPath().toString();
      this.countsLines = split.getStart() == 0;
      this.records = records;
      this.stager = stager;
    }

    private long nextOffset;
    private boolean broken;
    private boolean done;

    @Override
    public boolean hasNext() {
      if (done) {
        return false;
      }
      try {
        if (records.hasNext()) {
          return true;
        }
      } catch (Exception e) {
        // Hadoop's reader throws its IOException undeclared through the Scala iterator.
        if (!(e instanceof IOException) && !(e.getCause() instanceof IOException)) {
          throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        broken = true;
        return true;
      }
      done = true;
      return false;
    }

    @Override
    public InternalRow next() {
      if (broken) {
        done = true;
        return stager.stageUnreadableRest(file, nextOffset);
      }
      scala.Tuple2<LongWritable, Text> record = records.next();
      lineNumber++;
      Text text = record._2();
      nextOffset = record._1().get() + text.getLength() + 1;
      return stager.stage(file, countsLines ? lineNumber : null, record._1().get(), text.getBytes(), text.getLength());
    }
  }
}
