import type { ComponentChildren } from 'preact';
import { AppFooter } from './AppFooter';
import { NoticeBar, type NoticeBarProps } from './NoticeBar';

export interface AppShellProps extends NoticeBarProps {
  readonly children: ComponentChildren;
  /** The display toolbar (text size, contrast, read-aloud). */
  readonly toolbar?: ComponentChildren;
  /** "This device cannot read aloud in this language", after the read-aloud switch was turned on. */
  readonly speechNotice?: string | null;
  /** A screen shown instead of the children (the PIN of a locked mediator space), the children kept mounted, hidden. */
  readonly cover?: ComponentChildren;
}

/** The frame of every screen: notices and the display toolbar above, the privacy line and version below. */
export function AppShell({ children, toolbar, speechNotice, cover, ...notices }: AppShellProps) {
  const covered = cover !== undefined && cover !== null;
  return (
    <div class="app">
      <NoticeBar {...notices} />
      <header class="app-header no-print">
        {toolbar}
        <p id="speech-notice" class="gentle" role="status">
          {speechNotice}
        </p>
      </header>
      {covered ? cover : null}
      {/* Always this one element around the screen, so that covering it never remounts what it hides. */}
      <div class="screen-slot" hidden={covered}>
        {children}
      </div>
      <AppFooter />
    </div>
  );
}
