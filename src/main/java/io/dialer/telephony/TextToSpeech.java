package io.dialer.telephony;

/**
 * Turns text into a sound file a carrier can play: 8 kHz, mono, 16-bit PCM WAV, written to the sound store
 * ({@code dialer.telephony.sounds-dir}) as {@code <name>.wav}. Rendering is cached: the same text (and voice) gives the
 * same name and is rendered once.
 */
public interface TextToSpeech {

    /** @return the sound's name in the store, without the {@code .wav} extension */
    String render(String text);
}
