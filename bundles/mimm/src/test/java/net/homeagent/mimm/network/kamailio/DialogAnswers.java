package net.homeagent.mimm.network.kamailio;

import java.util.Arrays;
import java.util.stream.Collectors;

/** dlg.list answers as kamailio 5.6.3 writes them (one dialog copied from a real answer, trimmed of nothing). */
final class DialogAnswers {

    private DialogAnswers() {
    }

    /** A dialog object of kamailio 5.6.3's dlg.list, its state and contacts replaced. */
    static String dialog(int state, String callerContact, String calleeContact) {
        return "{\"h_entry\":2473,\"h_id\":7402,\"ref\":2,\"call-id\":\"mms-1-5485f64a@127.0.0.1\","
                + "\"from_uri\":\"sip:caller@10.0.0.12\",\"to_uri\":\"sip:callee@127.0.0.1:46475\",\"state\":" + state
                + ",\"start_ts\":1796610922,\"init_ts\":1796610922,\"end_ts\":0,\"duration\":2,\"timeout\":1796611523,"
                + "\"lifetime\":600,\"dflags\":515,\"sflags\":0,\"iflags\":0,"
                + "\"caller\":{\"tag\":\"uac1\",\"contact\":\"" + callerContact + "\",\"cseq\":\"1\",\"route_set\":\"\","
                + "\"socket\":\"udp:127.0.0.1:15060\"},"
                + "\"callee\":{\"tag\":\"uas269027827\",\"contact\":\"" + calleeContact + "\",\"cseq\":\"0\","
                + "\"route_set\":\"\",\"socket\":\"udp:127.0.0.1:15060\"},\"profiles\":[],\"variables\":[]}";
    }

    /** The whole JSON-RPC answer with these dialogs and this id. */
    static String answer(long id, String... dialogs) {
        return "{\"jsonrpc\":\"2.0\",\"result\":[" + Arrays.stream(dialogs).collect(Collectors.joining(","))
                + "],\"id\":" + id + "}";
    }
}
