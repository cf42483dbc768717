package net.homeagent.mimm.network.kamailio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON-RPC 2.0 answer of kamailio's {@code dlg.list} (dialog module, jsonrpcs module):
 * <pre>{"jsonrpc":"2.0","result":[{"state":4,"caller":{"contact":"sip:a@10.0.0.12:5060",...},
 *   "callee":{"contact":...},...},...],"id":1}</pre>
 * The answer is streamed: one dialog object at a time is held, so a SIP server with many calls
 * does not make one big tree. Only what the session count needs is read (state, the two contacts);
 * anything else in a dialog is left alone, as kamailio versions add fields.
 */
final class DialogListAnswer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private DialogListAnswer() {
    }

    /**
     * @param requestId the id the request carried; the answer must carry it back (JSON-RPC 2.0 §5)
     * @throws BadAnswer not JSON ({@code not_json}), an error object ({@code rpc_error}), no result
     *                   array ({@code no_result}), a dialog without a numeric state or with a
     *                   contact that is not a string ({@code bad_dialog}), another id ({@code wrong_id})
     */
    static List<Dialog> read(InputStream body, long requestId) throws BadAnswer, IOException {
        List<Dialog> dialogs = null;
        JsonNode error = null;
        JsonNode id = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadAnswer("not_json", "the answer is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "result" -> dialogs = dialogs(parser, value);
                    case "error" -> error = MAPPER.readTree(parser);
                    case "id" -> id = MAPPER.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new BadAnswer("not_json", "the answer's object does not end");
            }
        } catch (JsonProcessingException e) {
            throw new BadAnswer("not_json", "not JSON: " + e.getOriginalMessage(), e);
        }
        if (error != null) {
            throw new BadAnswer("rpc_error", "kamailio answered an error: " + error);
        }
        if (dialogs == null) {
            throw new BadAnswer("no_result", "the answer has neither result nor error");
        }
        if (id == null || !id.canConvertToLong() || id.asLong() != requestId) {
            throw new BadAnswer("wrong_id", "the answer's id is " + id + ", the request's " + requestId);
        }
        return dialogs;
    }

    private static List<Dialog> dialogs(JsonParser parser, JsonToken start) throws IOException, BadAnswer {
        if (start != JsonToken.START_ARRAY) {
            throw new BadAnswer("no_result", "the result is not an array of dialogs but " + start);
        }
        List<Dialog> dialogs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new BadAnswer("bad_dialog", "dialog " + dialogs.size() + " is not an object");
            }
            dialogs.add(dialog(MAPPER.readTree(parser), dialogs.size()));
        }
        return dialogs;
    }

    private static Dialog dialog(JsonNode node, int index) throws BadAnswer {
        JsonNode state = node.get("state");
        if (state == null || !state.isInt()) {
            throw new BadAnswer("bad_dialog", "dialog " + index + " has no numeric state: " + state);
        }
        return new Dialog(state.intValue(), contact(node, "caller", index), contact(node, "callee", index));
    }

    private static String contact(JsonNode dialog, String side, int index) throws BadAnswer {
        JsonNode contact = dialog.path(side).get("contact");
        if (contact == null || contact.isNull()) {
            return "";
        }
        if (!contact.isTextual()) {
            throw new BadAnswer("bad_dialog", "dialog " + index + ": the " + side + " contact is not a string: " + contact);
        }
        return contact.textValue();
    }
}
