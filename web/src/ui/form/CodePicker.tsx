import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findCodes, type NamedCode } from './codeNames.ts';

interface CodePickerProps {
  /** The input's id: the label's and the error summary's target. */
  id: string;
  entries: NamedCode[];
  /** Chooses an entry; the picker empties its text when `clearOnChoose`, else shows the chosen name. */
  onChoose: (entry: NamedCode) => void;
  /** The text shown at first (the chosen entry's name). */
  initialText?: string;
  clearOnChoose?: boolean;
  /** When the typed text is changed away from the chosen entry's name: the choice is undone. */
  onTextChange?: (text: string) => void;
  invalid: boolean;
  describedBy?: string;
  required?: boolean;
}

const SHOWN = 60;

/**
 * A text input that finds codes by their names, as the WAI-ARIA combobox with a list popup: typing
 * filters the list, Down and Up move in it, Enter chooses, Escape closes; a pointer can choose too.
 * The list shows at most 60 names; typing more narrows it.
 */
export function CodePicker({
  id,
  entries,
  onChoose,
  initialText = '',
  clearOnChoose = false,
  onTextChange,
  invalid,
  describedBy,
  required,
}: CodePickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState(initialText);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const found = useMemo(() => findCodes(entries, text).slice(0, SHOWN), [entries, text]);
  const optionId = (index: number) => `${listId}-${index}`;

  function choose(entry: NamedCode) {
    onChoose(entry);
    setText(clearOnChoose ? '' : entry.name);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((current) => Math.min(current + 1, found.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => Math.max(current - 1, 0));
    } else if (event.key === 'Enter' && open) {
      // Enter chooses the highlighted name, or the only one found; it never sends the form from an open list.
      const entry = found[active] ?? (found.length === 1 ? found[0] : undefined);
      if (entry) {
        event.preventDefault();
        choose(entry);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="code-picker">
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open && found.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          onTextChange?.(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          // A name typed out in full is the choice of that name.
          const exact = findCodes(entries, text).find(
            (entry) =>
              entry.name.toLocaleLowerCase() === text.trim().toLocaleLowerCase() ||
              entry.english.toLowerCase() === text.trim().toLowerCase(),
          );
          if (exact && text.trim()) choose(exact);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('form.picker.results')}
        className="code-picker-list"
        hidden={!open || found.length === 0}
      >
        {found.map((entry, index) => (
          <li
            key={entry.code}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            // Chosen before the input loses focus, and focus stays in the input.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(entry);
              input.current?.focus();
            }}
          >
            {entry.name}
            {entry.english !== entry.name && <span className="muted"> ({entry.english})</span>}
          </li>
        ))}
      </ul>
      {open && text.trim() && found.length === 0 && (
        <p className="hint" role="status">
          {t('form.picker.noMatch')}
        </p>
      )}
    </div>
  );
}
