package io.conversa.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lake written by an older conversa is brought to this one's format; a newer one is refused. */
class LakeFormatTest {
  @TempDir Path dir;

  @Test
  void anOlderLakeGetsTheSchemaFilesPropertiesAndCommentsOnce() throws IOException {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.resolve("lake").toString());
    String table = "delta.`" + lake.path(TableSchemas.MESSAGES) + "`";
    lake.table(TableSchemas.MESSAGES);
    // As an earlier version left it: without a property and with an older comment, and no format file.
    spark.sql("ALTER TABLE " + table + " UNSET TBLPROPERTIES ('delta.dataSkippingStatsColumns')");
    spark.sql("ALTER TABLE " + table + " ALTER COLUMN user_id COMMENT 'an older comment'");
    List<String> progress = new ArrayList<>();

    LakeFormat.bringUpToDate(spark, lake.root(), progress::add, io.conversa.aggregate.GoldTables.lakeTables());

    assertTrue(progress.get(0).contains("from format 1 to " + LakeFormat.CURRENT + ": 2 changes to 1 tables"), progress.toString());
    assertEquals(TableSchemas.MESSAGES.properties().get("delta.dataSkippingStatsColumns"),
        spark.sql("SHOW TBLPROPERTIES " + table + " ('delta.dataSkippingStatsColumns')").first().getString(1));
    assertEquals(TableSchemas.MESSAGES.schema().apply("user_id").getComment().get(),
        lake.read(TableSchemas.MESSAGES).schema().apply("user_id").getComment().get());
    assertTrue(Files.readString(dir.resolve("lake/_conversa/format.json")).contains("\"format\" : " + LakeFormat.CURRENT));
    long version = DeltaMetrics.currentVersion(lake.table(TableSchemas.MESSAGES));
    LakeFormat.bringUpToDate(spark, lake.root(), progress::add, io.conversa.aggregate.GoldTables.lakeTables());
    assertEquals(1, progress.size(), "a lake of this format is left alone");
    assertEquals(version, DeltaMetrics.currentVersion(lake.table(TableSchemas.MESSAGES)));
  }

  @Test
  void aLakeOfANewerConversaIsRefusedBeforeAnyWork() throws IOException {
    Path lake = dir.resolve("newer");
    Files.createDirectories(lake.resolve("_conversa"));
    Files.writeString(lake.resolve("_conversa/format.json"), "{\"format\": 99}");
    ConversaException refused = assertThrows(ConversaException.class,
        () -> LakeFormat.bringUpToDate(SharedSpark.session(), lake.toString(), line -> {}, io.conversa.aggregate.GoldTables.lakeTables()));
    assertEquals(2, refused.exitCode());
    assertTrue(refused.getMessage().contains("newer conversa (lake format 99"), refused.getMessage());

    Files.createDirectories(dir.resolve("logs"));
    CliRun ingest = CliRun.of("ingest", "--input", dir.resolve("logs").toString(), "--lake", lake.toString(),
        "--key-file", TestKeys.keyFile(dir, "k1").toString(), "--master", "local[2]");
    assertEquals(2, ingest.exitCode(), ingest.all());
    assertTrue(ingest.err().contains("newer conversa"), ingest.err());
    assertTrue(Files.notExists(lake.resolve("bronze")), "nothing written");
  }
}
