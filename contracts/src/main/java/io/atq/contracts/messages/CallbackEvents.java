package io.atq.contracts.messages;

/** Which of a task's phase changes are delivered to its callback URL. Travels by name. */
public enum CallbackEvents {
    /** Every phase the task enters, {@code QUEUED} included. */
    ALL,
    /** Only the terminal phase ({@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}, {@code CANCELLED}). */
    TERMINAL
}
