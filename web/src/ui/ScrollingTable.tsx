import { useId, type ReactNode } from 'react';

/**
 * A table that may be wider than a phone: it scrolls inside its own box (`.table-wrap`), which the
 * keyboard can reach and scroll, and which a screen reader names by the table's caption.
 *
 * The box is a region, a landmark of its own, unless the section around it already carries the
 * same name (`landmark={false}`): then it is a named group, so no two landmarks share one name.
 * A hidden caption still names the table for a screen reader where a heading above says it to the eye.
 */
export function ScrollingTable({
  caption,
  captionHidden = false,
  landmark = true,
  className,
  children,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  landmark?: boolean;
  className?: string;
  /** The table's `thead` and `tbody`. */
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div className="table-wrap" tabIndex={0} role={landmark ? 'region' : 'group'} aria-labelledby={captionId}>
      <table className={className}>
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
