import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A panel that opens under its button; a click outside or Escape closes it. On phones it is a
 * sheet across the screen (see `.popover` in styles.css), so it never sticks out sideways.
 */
export function Popover({
  open,
  onOpenChange,
  button,
  buttonClassName = 'btn',
  buttonLabel,
  buttonTestId,
  title,
  children,
  className,
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  button: ReactNode;
  buttonClassName?: string;
  /** For screen readers when `button` is only an icon. */
  buttonLabel?: string;
  buttonTestId?: string;
  title: string;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const change = useRef(onOpenChange);
  change.current = onOpenChange;
  // Opens towards the side with room: under a button on the left it must not run off to the left.
  const [align, setAlign] = useState<'left' | 'right'>('right');

  useLayoutEffect(() => {
    if (!open || !root.current) return;
    const rect = root.current.getBoundingClientRect();
    setAlign(rect.left < window.innerWidth - rect.right ? 'left' : 'right');
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent | TouchEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) change.current(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') change.current(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('touchstart', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('touchstart', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="popover-anchor" ref={root}>
      <button
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={id}
        aria-label={buttonLabel}
        onClick={() => onOpenChange(!open)}
        data-testid={buttonTestId}
      >
        {button}
      </button>
      {open ? (
        <div id={id} className={`popover popover-${align}${className ? ` ${className}` : ''}`} role="dialog" aria-label={title} data-testid={testId}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
