package io.trailhound.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

    @Test
    void markupBracketsAndInvisibleCharactersAreEscaped() {
        assertThat(Sanitize.text("<img src=x>")).isEqualTo("\\u003Cimg src=x\\u003E");
        assertThat(Sanitize.text("a\u200bb\ufeffc")).isEqualTo("a\\u200Bb\\uFEFFc");
        assertThat(Sanitize.text(null)).isNull();
    }

    @Test
    void aLongValueIsCutAndSaysHowMuchIsLeftOut() {
        assertThat(Sanitize.text("x".repeat(600))).isEqualTo("x".repeat(512) + "…(88 more chars)");
        assertThat(Sanitize.text("abcdef", 4)).isEqualTo("abcd…(2 more chars)");
        assertThat(Sanitize.text("abcd", 4))
                .as("exactly at the limit: nothing cut")
                .isEqualTo("abcd");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        assertThat(Sanitize.text("abc" + emoji, 4)).isEqualTo("abc…(2 more chars)");
        assertThat(Sanitize.text("ab" + emoji, 4)).isEqualTo("ab" + emoji);
    }

    @Test
    void aSubjectIsOneLineOfPrintableAsciiWithinItsLimit() {
        assertThat(Sanitize.subject("caf\u00e9 \u2019quoted\u2019   spaced", 100))
                .isEqualTo("caf? 'quoted' spaced");
        assertThat(Sanitize.subject("y".repeat(120), 100)).hasSize(100).endsWith("...");
    }
}
