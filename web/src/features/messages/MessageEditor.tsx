import { useState } from 'react';

interface MessageEditorProps {
  initial: string;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}

/** Edits a message in place: Enter saves, Shift+Enter is a new line, Escape cancels. */
export function MessageEditor({ initial, onSave, onCancel }: MessageEditorProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    try {
      await onSave(text);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not save');
      setBusy(false);
    }
  };
  return (
    <div className="msg-editor">
      <textarea
        aria-label="Edit message"
        value={text}
        autoFocus
        rows={Math.min(6, text.split('\n').length)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            void save();
          }
        }}
      />
      {error && (
        <span className="msg-editor-error" role="alert">
          {error}
        </span>
      )}
      <span className="msg-editor-hint">Enter to save · Esc to cancel</span>
    </div>
  );
}
