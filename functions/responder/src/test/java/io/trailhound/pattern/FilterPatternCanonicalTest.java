package io.trailhound.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The printed canonical form makes precedence and grouping visible, so the parser's tree is checked directly. */
class FilterPatternCanonicalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "==>",
            quoteCharacter = '`',
            value = {
                "{ $.a = 1 || $.b = 2 && $.c = 3 }        ==> { ($.a = 1 || ($.b = 2 && $.c = 3)) }",
                "{ ($.a = 1 || $.b = 2) && $.c = 3 }      ==> { (($.a = 1 || $.b = 2) && $.c = 3) }",
                "{$.a=1&&$.b=2&&$.c=3}                    ==> { (($.a = 1 && $.b = 2) && $.c = 3) }",
                "{ $.x IS NULL || $.y not exists }        ==> { ($.x IS NULL || $.y NOT EXISTS) }",
                "{ $.e = \"* is pending deletion.\" }     ==> { $.e = \"* is pending deletion.\" }",
                "{ $.n >= -1.5e3 }                        ==> { $.n >= -1.5e3 }",
                "{ $.u[0].v[2] = %^a.b% }                 ==> { $.u[0].v[2] = %^a.b% }",
                "ERROR  ?WARN -DEBUG \"a b\"              ==> \"ERROR\" ?\"WARN\" -\"DEBUG\" \"a b\"",
                "[ip, ..., code = 4* || code = 5*, ]      ==> [ip, ..., code = 4* || code = 5*, ]",
                "[a,b>=10&&b<20]                          ==> [a, b >= 10 && b < 20]",
            })
    void printsCanonicalForm(String pattern, String canonical) {
        assertThat(FilterPattern.compile(pattern).canonical()).isEqualTo(canonical);
    }
}
