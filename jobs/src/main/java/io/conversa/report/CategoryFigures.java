package io.conversa.report;

/** One pricing category over the week: the shown rows of gold.conversations_daily, summed. */
public record CategoryFigures(String category, long messages, long billableMessages, long sessions) {}
