package io.conversa.report;

/** One pricing category over the week: the week rows of gold.conversations, added up (null: withheld). */
public record CategoryFigures(String category, Long messages, Long billableMessages, Long sessions) {}
