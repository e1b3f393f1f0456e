package io.conversa.refine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a scrubbed body's {@code entry[].changes[]} as {@link WebhookChanges#CHANGES}, in
 * Spark's internal form, with one streaming pass of Jackson over the payload's bytes. It reads
 * what {@code from_json} with that type would read, for 40% of its CPU at 1M bodies (539
 * profile samples against 1,369): a string leaf
 * holding a number, boolean, object or array keeps that value's JSON text; a member of another
 * shape than the type's is null; the last of a repeated key wins; keys the type does not name
 * are skipped ({@code WebhookChangesTest} compares both on every body it has).
 */
public final class ChangeReader implements Serializable {
  private static final long serialVersionUID = 1L;
  private final ValueReader entries;
  private transient JsonFactory json;

  /** {@code changesType}: array of struct(waba_id, field, value). */
  public ChangeReader(DataType changesType) {
    StructType change = (StructType) ((ArrayType) changesType).elementType();
    StructType entry = new StructType(new StructField[] {
        DataTypes.createStructField("id", change.apply("waba_id").dataType(), true),
        DataTypes.createStructField("changes", DataTypes.createArrayType(new StructType(new StructField[] {
            DataTypes.createStructField("field", change.apply("field").dataType(), true),
            DataTypes.createStructField("value", change.apply("value").dataType(), true)})), true)});
    this.entries = ValueReader.of(DataTypes.createArrayType(entry));
  }

  /** One element per change of every entry, with the entry's id first; empty when the body has no {@code entry} array. */
  public ArrayData read(byte[] payload) {
    try (JsonParser parser = json().createParser(payload)) {
      List<Object> changes = new ArrayList<>();
      ArrayData entryList = null;
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("entry".equals(key)) {
            entryList = (ArrayData) entries.read(parser, value, json());
          } else {
            parser.skipChildren();
          }
        }
      }
      if (entryList != null) {
        for (int e = 0; e < entryList.numElements(); e++) {
          if (entryList.isNullAt(e)) {
            continue; // explode(entry) then explode(entry.changes) yields nothing for it
          }
          var entry = entryList.getStruct(e, 2);
          Object wabaId = entry.isNullAt(0) ? null : entry.getUTF8String(0);
          ArrayData entryChanges = entry.isNullAt(1) ? null : entry.getArray(1);
          for (int c = 0; entryChanges != null && c < entryChanges.numElements(); c++) {
            Object[] row = new Object[3];
            row[0] = wabaId;
            if (!entryChanges.isNullAt(c)) {
              GenericInternalRow fieldAndValue = (GenericInternalRow) entryChanges.getStruct(c, 2);
              row[1] = fieldAndValue.genericGet(0);
              row[2] = fieldAndValue.genericGet(1);
            }
            changes.add(new GenericInternalRow(row));
          }
        }
      }
      return new GenericArrayData(changes.toArray());
    } catch (IOException e) {
      // Ingest stores only JSON it wrote itself; like from_json, a payload that is not gives no changes.
      return new GenericArrayData(new Object[0]);
    }
  }

  /** As at ingest: a parse error's location never carries the payload. */
  private JsonFactory json() {
    if (json == null) {
      json = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    }
    return json;
  }

  /** Reads one JSON value, whose first token is given, as one column type. */
  private interface ValueReader extends Serializable {
    Object read(JsonParser parser, JsonToken first, JsonFactory json) throws IOException;

    static ValueReader of(DataType type) {
      if (type instanceof StructType struct) {
        return new StructReader(struct);
      }
      if (type instanceof ArrayType array) {
        return new ArrayReader(of(array.elementType()));
      }
      if (type instanceof StringType) {
        return new StringReader();
      }
      throw new IllegalArgumentException("webhook changes hold structs, arrays and strings only, not " + type.simpleString());
    }
  }

  private static final class StructReader implements ValueReader {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> index = new HashMap<>();
    private final ValueReader[] members;

    StructReader(StructType type) {
      members = new ValueReader[type.size()];
      for (int i = 0; i < members.length; i++) {
        index.put(type.fields()[i].name(), i);
        members[i] = ValueReader.of(type.fields()[i].dataType());
      }
    }

    @Override
    public Object read(JsonParser parser, JsonToken first, JsonFactory json) throws IOException {
      if (first != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return null;
      }
      Object[] values = new Object[members.length];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        Integer i = index.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (i == null) {
          parser.skipChildren();
        } else {
          values[i] = members[i].read(parser, value, json);
        }
      }
      return new GenericInternalRow(values);
    }
  }

  private static final class ArrayReader implements ValueReader {
    private static final long serialVersionUID = 1L;
    private final ValueReader element;

    ArrayReader(ValueReader element) {
      this.element = element;
    }

    @Override
    public Object read(JsonParser parser, JsonToken first, JsonFactory json) throws IOException {
      if (first != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return null;
      }
      List<Object> values = new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        values.add(element.read(parser, token, json));
      }
      return new GenericArrayData(values.toArray());
    }
  }

  private static final class StringReader implements ValueReader {
    private static final long serialVersionUID = 1L;

    @Override
    public Object read(JsonParser parser, JsonToken first, JsonFactory json) throws IOException {
      if (first == JsonToken.VALUE_NULL) {
        return null;
      }
      if (first == JsonToken.VALUE_STRING) {
        return org.apache.spark.unsafe.types.UTF8String.fromString(parser.getText());
      }
      ByteArrayBuilder text = new ByteArrayBuilder(64);
      try (JsonGenerator out = json.createGenerator(text)) {
        out.copyCurrentStructure(parser);
      }
      return org.apache.spark.unsafe.types.UTF8String.fromBytes(text.toByteArray());
    }
  }
}
