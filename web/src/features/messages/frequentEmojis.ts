/** The emojis most people react with, one click away. */
export const FREQUENT_EMOJIS = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const;
