import EmojiPicker, { EmojiStyle } from 'emoji-picker-react';

interface FullEmojiPickerProps {
  onPick: (emoji: string) => void;
}

/**
 * Every emoji, searchable, with skin tones and recently used ones (emoji-picker-react). Native
 * glyphs from the system's emoji font: the data ships in the bundle, nothing is loaded from
 * another site, so the CSP (`default-src 'self'`) holds. Loaded lazily: most sessions never open it.
 */
export function FullEmojiPicker({ onPick }: FullEmojiPickerProps) {
  return (
    <EmojiPicker
      className="full-emoji-picker"
      emojiStyle={EmojiStyle.NATIVE}
      colorScheme="auto"
      width="100%"
      height={380}
      lazyLoadEmojis
      previewConfig={{ showPreview: false }}
      searchPlaceholder="Search emojis"
      onEmojiClick={(data) => onPick(data.emoji)}
    />
  );
}
