package net.homeagent.peer.link;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads etc/peer-keys.conf: one key per line, {@code <key-id> hmac-sha256 <0xHEX> [send]}; '#'
 * starts a comment. Key ids are 0..65535; keys at least {@value PeerKeys#MIN_KEY_LENGTH} bytes
 * (RFC 2104 §3: no shorter than the hash output). The send key is the one marked {@code send},
 * else the highest key id. Problems name file and line, never a key's bytes.
 */
final class PeerKeysParser {

    private static final String HMAC_SHA256 = "hmac-sha256";

    /** What one reading of the file gave: the keys of its good lines and a sentence per bad line. */
    record Parsed(PeerKeys keys, List<String> errors) {
        Parsed {
            errors = List.copyOf(errors);
        }
    }

    private PeerKeysParser() {
    }

    static Parsed parse(String text, String source) {
        Map<Integer, byte[]> keys = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Integer> marked = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] fields = content.split("\\s+");
            if (fields.length < 3 || fields.length > 4) {
                errors.add(where + "expected <key-id> hmac-sha256 <0xHEX> [send], found " + fields.length + " fields");
                continue;
            }
            Integer id = keyId(fields[0]);
            if (id == null) {
                errors.add(where + "key id must be 0 to 65535: " + fields[0]);
                continue;
            }
            if (!HMAC_SHA256.equals(fields[1].toLowerCase(Locale.ROOT))) {
                errors.add(where + "unknown algorithm (only hmac-sha256): " + fields[1]);
                continue;
            }
            byte[] key = hexKey(fields[2]);
            if (key == null) {
                errors.add(where + "key of key id " + id + " is not 0x followed by an even number of hex digits");
                continue;
            }
            if (key.length < PeerKeys.MIN_KEY_LENGTH) {
                errors.add(where + "key of key id " + id + " is " + key.length + " bytes, at least "
                        + PeerKeys.MIN_KEY_LENGTH + " needed");
                continue;
            }
            if (fields.length == 4 && !"send".equals(fields[3].toLowerCase(Locale.ROOT))) {
                errors.add(where + "the fourth field may only be 'send': " + fields[3]);
                continue;
            }
            if (keys.containsKey(id)) {
                errors.add(where + "key id " + id + " is listed twice; the first is kept");
                continue;
            }
            keys.put(id, key);
            if (fields.length == 4) {
                marked.add(id);
            }
        }
        if (marked.size() > 1) {
            errors.add(source + ": " + marked.size() + " keys are marked send " + marked + "; the highest of them signs");
        }
        int send = marked.isEmpty() ? keys.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1)
                : marked.stream().mapToInt(Integer::intValue).max().getAsInt();
        return new Parsed(keys.isEmpty() ? PeerKeys.NONE : new PeerKeys(keys, send), errors);
    }

    private static Integer keyId(String text) {
        try {
            int id = Integer.parseInt(text);
            return id >= 0 && id <= 0xFFFF ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] hexKey(String text) {
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            return null;
        }
        String hex = text.substring(2);
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
