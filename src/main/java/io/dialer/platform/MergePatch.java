package io.dialer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/** RFC 7396 JSON merge patch: objects merge recursively, null removes, anything else replaces. */
public final class MergePatch {

    private MergePatch() {
    }

    public static void apply(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode existing) {
                apply(existing, (ObjectNode) value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
