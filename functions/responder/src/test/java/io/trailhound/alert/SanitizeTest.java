package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SanitizeTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://evil.example/login?x=1            | hxxps://evil[.]example/login?x=1",
                "[Reset](http://a.b.example)               | [Reset](hxxp://a[.]b[.]example)",
                "HTTPS://EVIL.EXAMPLE                      | HXXPS://EVIL[.]EXAMPLE",
                "see www.evil.example now                  | see www[.]evil[.]example now",
                "javascript://x.example                    | javascript[:]//x[.]example",
                "aws-cli/2.17.0 Python/3.11.7 exe/x86_64   | aws-cli/2.17.0 Python/3.11.7 exe/x86_64",
                "arn:aws:iam::111122223333:role/app        | arn:aws:iam::111122223333:role/app"
            })
    void linksAreDefangedAndOtherTextIsLeftAlone(String in, String out) {
        assertThat(Sanitize.text(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'a\nb'             | a\\u000Ab",
                "'x\u001b[2Jy'      | x\\u001B[2Jy",
                "'left\u202eright'  | left\\u202Eright"
            })
    void controlAnsiAndBidiAreMadeVisible(String in, String out) {
        assertThat(Sanitize.text(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'Trailhound: x\nRemediation: DONE https://e.example' | Trailhound: x\\u000ARemediation: DONE hxxps://e[.]example"
            })
    void theSubjectGoesThroughTheSameSanitiser(String in, String out) {
        assertThat(Sanitize.subject(in, 100)).isEqualTo(out);
    }
}
