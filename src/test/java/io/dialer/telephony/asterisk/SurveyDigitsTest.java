package io.dialer.telephony.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SurveyDigitsTest {

    @Test
    void keysGiveAnswersWithinTheRange() {
        assertEquals(7, SurveyDigits.answer("7", 1, 10));
        assertEquals(1, SurveyDigits.answer("1", 1, 10));
        assertEquals(10, SurveyDigits.answer("10", 1, 10));
        assertEquals(10, SurveyDigits.answer("0", 1, 10));
        assertNull(SurveyDigits.answer("0", 1, 5));
        assertNull(SurveyDigits.answer("6", 1, 5));
        assertNull(SurveyDigits.answer("", 1, 10));
        assertNull(SurveyDigits.answer("12", 1, 10));
        assertNull(SurveyDigits.answer("#", 1, 10));
    }

    @Test
    void aOneMayStartATen() {
        assertTrue(SurveyDigits.mayContinue('1', 10));
        assertFalse(SurveyDigits.mayContinue('1', 9));
        assertFalse(SurveyDigits.mayContinue('2', 10));
    }
}
