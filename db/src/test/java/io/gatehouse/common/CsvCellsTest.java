package io.gatehouse.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "plain|plain",
            "a,b|~\"a,b\"~",
            "say \"hi\"|~\"say \"\"hi\"\"\"~",
            "=HYPERLINK(\"x\")|~\"'=HYPERLINK(\"\"x\"\")\"~",
            "+1|'+1",
            "-2|'-2",
            "@SUM(A1)|'@SUM(A1)",
            "/echo/=x|/echo/=x"})
    void cellsAreQuotedAndGuardedAgainstFormulas(String value, String cell) {
        assertThat(CsvCells.cell(value)).isEqualTo(cell);
    }

    @Test
    void cellsWithLineBreaksAreQuotedAndTabsOrCarriageReturnsUpFrontAreGuarded() {
        assertThat(CsvCells.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvCells.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }
}
