package io.conversa.cli;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.AggregateResult;
import io.conversa.aggregate.AggregateSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestResult;
import io.conversa.ingest.IngestSettings;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import io.conversa.refine.RefineResult;
import org.apache.spark.sql.SparkSession;

/** ingest, refine and aggregate in one go, each stage's summary printed as it ends. */
final class Pipeline {
  record Outcome(IngestResult ingest, RefineResult refine, AggregateResult aggregate) {}

  private Pipeline() {}

  static Outcome run(SparkSession session, Console console, IngestSettings ingest, AggregateSettings aggregate, Pseudonymizer pseudonymizer) {
    IngestResult ingested = new IngestJob(session, console::progress).run(ingest);
    console.result(ingested.summary());
    RefineResult refined = new RefineJob(session, console::progress).run(ingest.lake());
    console.result(refined.summary());
    AggregateResult aggregated = new AggregateJob(session, console::progress).run(aggregate, pseudonymizer);
    console.result(aggregated.summary());
    return new Outcome(ingested, refined, aggregated);
  }
}
