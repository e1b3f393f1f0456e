package io.conversa.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.ingest.LineClassifier;
import io.conversa.ingest.LineVerdict;
import io.conversa.ingest.SignatureVerifier;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.PayloadScrubber;
import io.conversa.privacy.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The webhook body's shape is written in three places: {@link WebhookChanges#VALUE} (what silver
 * reads), the payload rules (what survives the scrub) and the JSON Schema of a log line (what
 * the README promises). A body with every member silver reads goes through the real classifier:
 * each must come out of the scrub and be read back, and the log-line schema must describe it.
 */
class WebhookModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType VALUE = WebhookChanges.VALUE;
  /** Members ingest writes itself (a phone number's region), never read from the input. */
  private static final Set<String> WRITTEN_BY_INGEST = Set.of("from_country", "recipient_id_country");
  /** Members Meta sends as booleans; a string under them is dropped. */
  private static final Set<String> BOOLEANS = Set.of("forwarded", "frequently_forwarded", "billable");
  /** Members that hold a customer's phone number. */
  private static final Set<String> PHONES = Set.of("from", "recipient_id", "wa_id");

  @Test
  void everyMemberSilverReadsSurvivesTheScrubAndIsReadBack() {
    ObjectNode value = JSON.createObjectNode();
    fill(value, VALUE);
    ObjectNode body = JSON.createObjectNode().put("object", "whatsapp_business_account");
    ObjectNode change = body.putArray("entry").addObject().put("id", "100200300").putArray("changes").addObject().put("field", "messages");
    change.set("value", value);
    byte[] line = body.toString().getBytes(StandardCharsets.UTF_8);

    KeyRing ring = KeyRing.parse(KeyRing.generateText("k1"), "test");
    LineClassifier classifier = new LineClassifier(new PayloadScrubber(new Pseudonymizer(ring.primary())), new SignatureVerifier(null, false), 1 << 20);
    LineVerdict.Event event = assertInstanceOf(LineVerdict.Event.class, classifier.classify(line, line.length));
    ArrayData changes = new ChangeReader(WebhookChanges.CHANGES).read(event.payloadUtf8());
    assertEquals(1, changes.numElements());
    InternalRow read = changes.getStruct(0, 3);
    assertEquals("100200300", read.getUTF8String(0).toString());
    List<String> lost = new ArrayList<>();
    collectNullLeaves(read.getStruct(2, VALUE.size()), VALUE, "value", lost);
    assertEquals(List.of(), lost, "members silver reads that the scrub removes or drops: " + event.payload());
  }

  @Test
  void theLogLineSchemaDescribesEveryMemberSilverReads() throws IOException {
    JsonNode schema = JSON.readTree(Files.readString(Path.of("schemas/webhook/log-line.schema.json")));
    JsonNode change = resolve(schema, schema.at("/$defs/rawBody/properties/entry/items/properties/changes/items/properties/value"));
    List<String> missing = new ArrayList<>();
    collectUndescribed(schema, change, VALUE, "value", missing);
    assertEquals(List.of(), missing, "members silver reads (WebhookChanges.VALUE) that schemas/webhook/log-line.schema.json does not describe");
  }

  /** Harmless, plausible values at every leaf: timestamps a Unix time, the rest short words. */
  private static void fill(ObjectNode object, StructType type) {
    for (StructField field : type.fields()) {
      DataType member = field.dataType();
      if (WRITTEN_BY_INGEST.contains(field.name())) {
        continue;
      }
      if (member instanceof StructType struct) {
        fill(object.putObject(field.name()), struct);
      } else if (member instanceof ArrayType array) {
        ArrayNode elements = object.putArray(field.name());
        if (array.elementType() instanceof StructType struct) {
          fill(elements.addObject(), struct);
        } else {
          elements.add("word");
        }
      } else if (BOOLEANS.contains(field.name())) {
        object.put(field.name(), true);
      } else if (PHONES.contains(field.name())) {
        object.put(field.name(), "5511987650001");
      } else {
        object.put(field.name(), field.name().equals("timestamp") ? "1767225600" : "word");
      }
    }
  }

  private static void collectNullLeaves(InternalRow row, StructType type, String path, List<String> lost) {
    for (int i = 0; i < type.size(); i++) {
      StructField field = type.fields()[i];
      String at = path + "." + field.name();
      if (row.isNullAt(i)) {
        lost.add(at);
      } else if (field.dataType() instanceof StructType struct) {
        collectNullLeaves(row.getStruct(i, struct.size()), struct, at, lost);
      } else if (field.dataType() instanceof ArrayType array && array.elementType() instanceof StructType struct) {
        collectNullLeaves(row.getArray(i).getStruct(0, struct.size()), struct, at + "[]", lost);
      } else if ("[dropped]".equals(String.valueOf(row.get(i, field.dataType())))) {
        lost.add(at + " (dropped)");
      }
    }
  }

  private static void collectUndescribed(JsonNode root, JsonNode node, StructType type, String path, List<String> missing) {
    for (StructField field : type.fields()) {
      String at = path + "." + field.name();
      if (WRITTEN_BY_INGEST.contains(field.name())) {
        continue;
      }
      JsonNode member = resolve(root, node.path("properties").path(field.name()));
      if (member.isMissingNode()) {
        missing.add(at);
        continue;
      }
      DataType memberType = field.dataType();
      if (memberType instanceof ArrayType array) {
        member = resolve(root, member.path("items"));
        memberType = array.elementType();
        at += "[]";
      }
      if (memberType instanceof StructType struct) {
        collectUndescribed(root, member, struct, at, missing);
      }
    }
  }

  /** Follows {@code $ref}s within the schema file. */
  private static JsonNode resolve(JsonNode root, JsonNode node) {
    while (node.has("$ref")) {
      node = root.at(node.get("$ref").asText().substring(1));
    }
    assertTrue(node.isMissingNode() || node.isObject(), "not a schema: " + node);
    return node;
  }
}
