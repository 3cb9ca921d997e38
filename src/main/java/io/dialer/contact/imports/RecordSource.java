package io.dialer.contact.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dialer.contact.ContactInput;
import io.dialer.platform.FieldError;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of an import file in order ({@link #next()}, single-threaded) and turns each record into
 * a contact ({@link #toContact}, thread-safe, run by the workers).
 */
abstract class RecordSource implements Closeable {

    static RecordSource open(ImportProcessor.Submission job, InputStream in, ObjectMapper mapper)
            throws IOException, CsvFormatException {
        return job.format().equals(ImportFormat.NDJSON) ? new Ndjson(in, mapper) : new Csv(in, job.options().mapping());
    }

    abstract Object next() throws IOException, CsvFormatException;

    abstract long rowNumber();

    abstract ContactInput toContact(Object record, List<FieldError> errors);

    abstract String externalIdOf(Object record);

    private static final class Csv extends RecordSource {
        private final CsvReader reader;
        private final CsvRowMapper rows;

        Csv(InputStream in, ImportOptions.Mapping mapping) throws CsvFormatException {
            this.reader = CsvReader.open(in);
            List<FieldError> problems = new ArrayList<>();
            this.rows = CsvRowMapper.create(reader.header(), mapping, problems);
            if (!problems.isEmpty()) {
                throw new CsvFormatException(1, problems.get(0).message());
            }
        }

        @Override
        Object next() throws CsvFormatException {
            return reader.next();
        }

        @Override
        long rowNumber() {
            return reader.rowNumber();
        }

        @Override
        ContactInput toContact(Object record, List<FieldError> errors) {
            return rows.map((String[]) record, errors);
        }

        @Override
        String externalIdOf(Object record) {
            return rows.externalId((String[]) record);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static final class Ndjson extends RecordSource {
        private final NdjsonReader reader;
        private final ObjectMapper mapper;
        private long row;

        Ndjson(InputStream in, ObjectMapper mapper) {
            this.reader = NdjsonReader.open(in, mapper);
            this.mapper = mapper;
        }

        @Override
        Object next() throws IOException {
            NdjsonReader.Line line = reader.next();
            if (line != null) {
                row = line.rowNumber();
            }
            return line;
        }

        @Override
        long rowNumber() {
            return row;
        }

        @Override
        ContactInput toContact(Object record, List<FieldError> errors) {
            if (record instanceof NdjsonReader.Line.Malformed bad) {
                errors.add(new FieldError("line", "malformed_json", bad.message()));
                return null;
            }
            NdjsonReader.Line.Obj obj = (NdjsonReader.Line.Obj) record;
            try {
                return mapper.treeToValue(obj.value(), ContactInput.class);
            } catch (UnrecognizedPropertyException e) {
                errors.add(new FieldError(e.getPropertyName(), "unknown_field", "is not a field of a contact"));
            } catch (JsonProcessingException e) {
                errors.add(new FieldError(e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                        ? m.getPath().get(m.getPath().size() - 1).getFieldName() : "line", "invalid_value", e.getOriginalMessage()));
            }
            return null;
        }

        @Override
        String externalIdOf(Object record) {
            if (record instanceof NdjsonReader.Line.Obj obj && obj.value().hasNonNull("externalId")) {
                return obj.value().get("externalId").asText();
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
