package io.dialer.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WavTest {

    private static Wav.Pcm sine(int rate, double hz, double seconds) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Wav.Pcm(rate, s);
    }

    @Test
    void writesAndReadsMonoSixteenBitPcm() {
        Wav.Pcm pcm = sine(8000, 440, 0.5);
        byte[] bytes = Wav.bytes(pcm);
        assertEquals(44 + 8000, bytes.length);
        assertEquals("RIFF", new String(bytes, 0, 4));
        assertEquals("WAVE", new String(bytes, 8, 4));
        Wav.Pcm back = Wav.parse(bytes);
        assertEquals(8000, back.sampleRate());
        assertEquals(pcm.samples().length, back.samples().length);
        assertEquals(pcm.samples()[123], back.samples()[123]);
        assertThrows(IllegalArgumentException.class, () -> Wav.parse("not a wav file".getBytes()));
    }

    @Test
    void resamplingKeepsTheTelephoneBandAndRemovesWhatWouldAlias() {
        Wav.Pcm speechBand = Wav.toTelephone(sine(22050, 1000, 1));
        Wav.Pcm aboveNyquist = Wav.toTelephone(sine(22050, 6000, 1));
        assertEquals(8000, speechBand.sampleRate());
        assertEquals(8000, speechBand.samples().length, 1);
        double rmsIn = 10000 / Math.sqrt(2);
        assertEquals(rmsIn, speechBand.rms(), rmsIn * 0.05, "1 kHz passes");
        assertTrue(aboveNyquist.rms() < rmsIn * 0.05, "6 kHz is filtered out instead of aliasing to 2 kHz: " + aboveNyquist.rms());
    }

    @Test
    void syntheticSoundIsAudibleAndDeterministic() {
        Wav.Pcm a = Wav.synthetic(2, 42);
        assertEquals(16000, a.samples().length);
        assertTrue(a.rms() > 500, "audible: " + a.rms());
        assertEquals(a.rms(), Wav.synthetic(2, 42).rms());
    }
}
