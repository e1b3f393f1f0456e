package io.conversa.erase;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import java.util.HashSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/** What ingest asks of the erasure ledger, so that an erased person does not come back with old logs. */
public final class ErasureLedger {
  private ErasureLedger() {}

  /** {@code events} (with a payload column) with every erased person taken out of the payloads; unchanged when nobody was erased. */
  public static Dataset<Row> withoutErasedPeople(Lake lake, Dataset<Row> events) {
    if (!lake.exists(TableSchemas.ERASED_PEOPLE)) {
      return events;
    }
    var pseudonyms = new HashSet<>(lake.read(TableSchemas.ERASED_PEOPLE).select("pseudonym").distinct().as(Encoders.STRING()).collectAsList());
    if (pseudonyms.isEmpty()) {
      return events;
    }
    PayloadEraser eraser = new PayloadEraser(pseudonyms);
    return events.withColumn("payload", udf((UDF1<String, String>) eraser::erase, DataTypes.StringType).apply(col("payload")));
  }

  /** The pseudonyms (column {@code pseudonym}) of every person erased so far; empty when none was. */
  public static Dataset<Row> erasedPseudonyms(Lake lake) {
    return lake.exists(TableSchemas.ERASED_PEOPLE)
        ? lake.read(TableSchemas.ERASED_PEOPLE).select("pseudonym")
        : lake.spark().createDataFrame(java.util.List.of(), TableSchemas.ERASED_PEOPLE.schema()).select("pseudonym");
  }

  /** File, offset and keyed hash of the quarantined lines an erase removed: ingest treats them as recorded already. */
  public static Dataset<Row> erasedLines(Lake lake) {
    Dataset<Row> erased = lake.exists(TableSchemas.ERASED_LINES)
        ? lake.read(TableSchemas.ERASED_LINES)
        : lake.spark().createDataFrame(java.util.List.of(), TableSchemas.ERASED_LINES.schema());
    return erased.select("source_file", "source_offset", "line_sha256");
  }
}
