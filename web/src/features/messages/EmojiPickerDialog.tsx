import { lazy, Suspense } from 'react';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';

const FullEmojiPicker = lazy(() =>
  import('./FullEmojiPicker').then((module) => ({ default: module.FullEmojiPicker })),
);

interface EmojiPickerDialogProps {
  open: boolean;
  onClose: () => void;
  onPick: (emoji: string) => void;
}

/** The full emoji picker, in a dialog so it works the same on a phone and with a keyboard
 * (focus starts in its search field; Esc closes it and returns focus to the "+"). */
export function EmojiPickerDialog({ open, onClose, onPick }: EmojiPickerDialogProps) {
  return (
    <Dialog title="Add a reaction" open={open} onClose={onClose} size="sm">
      <Suspense fallback={<Spinner label="Loading emojis" />}>
        <FullEmojiPicker
          onPick={(emoji) => {
            onClose();
            onPick(emoji);
          }}
        />
      </Suspense>
    </Dialog>
  );
}
