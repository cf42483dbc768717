package net.homeagent.mimm.network.kamailio;

import static net.homeagent.mimm.network.kamailio.DialogAnswers.answer;
import static net.homeagent.mimm.network.kamailio.DialogAnswers.dialog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialogListAnswerTest {

    private static List<Dialog> read(String json, long id) throws Exception {
        return DialogListAnswer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), id);
    }

    @Test
    void readsStateAndContactsOfKamailiosAnswer() throws Exception {
        List<Dialog> dialogs = read(answer(7, dialog(4, "sip:caller@10.0.0.12:49651", "sip:callee@127.0.0.1:46475"),
                dialog(5, "sip:b@10.1.0.5", "")), 7);
        assertThat(dialogs).containsExactly(
                new Dialog(4, "sip:caller@10.0.0.12:49651", "sip:callee@127.0.0.1:46475"),
                new Dialog(5, "sip:b@10.1.0.5", ""));
        assertThat(dialogs).extracting(Dialog::established).containsExactly(true, false);
    }

    @Test
    void noDialogsIsAnEmptyListAndFieldsMayComeInAnyOrder() throws Exception {
        assertThat(read("{\"id\":3,\"jsonrpc\":\"2.0\",\"result\":[]}", 3)).isEmpty();
        // a dialog without callee yet (early) and a null contact: no contact, not an error
        assertThat(read("{\"result\":[{\"state\":1,\"caller\":{\"contact\":null}}],\"id\":3}", 3))
                .containsExactly(new Dialog(1, "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                 | <html>Not Found</html>                                                 | not_json",
        "truncated                | {\"jsonrpc\":\"2.0\",\"result\":[{\"state\":4                          | not_json",
        "an array, no object      | [1,2]                                                                  | not_json",
        "empty body               | ''                                                                     | not_json",
        "error object             | {\"jsonrpc\":\"2.0\",\"error\":{\"code\":500,\"message\":\"Method Not Found\"},\"id\":1} | rpc_error",
        "neither result nor error | {\"jsonrpc\":\"2.0\",\"id\":1}                                         | no_result",
        "result not an array      | {\"result\":{\"state\":4},\"id\":1}                                    | no_result",
        "dialog not an object     | {\"result\":[4],\"id\":1}                                              | bad_dialog",
        "dialog without state     | {\"result\":[{\"caller\":{}}],\"id\":1}                                | bad_dialog",
        "state a string           | {\"result\":[{\"state\":\"4\"}],\"id\":1}                              | bad_dialog",
        "contact a number         | {\"result\":[{\"state\":4,\"caller\":{\"contact\":5}}],\"id\":1}       | bad_dialog",
        "another id               | {\"result\":[],\"id\":2}                                               | wrong_id",
        "no id                    | {\"result\":[]}                                                        | wrong_id",
    })
    void aBadAnswerIsRefusedWithItsProblem(String what, String json, String problem) {
        assertThatThrownBy(() -> read(json, 1)).isInstanceOfSatisfying(BadAnswer.class,
                bad -> assertThat(bad.problem()).as(what).isEqualTo(problem));
    }
}
