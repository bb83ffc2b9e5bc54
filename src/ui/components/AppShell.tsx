import type { ComponentChildren } from 'preact';
import { useI18n } from '../hooks/use-i18n';
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
  /**
   * The privacy line and version below the screen; left off on question screens, whose navigation is pinned to the
   * bottom edge (below it, the footer came into view at the end of a scroll and pushed "Suivant" up).
   */
  readonly footer?: boolean;
  /** Opens the accessibility statement from the footer (null inside a session). */
  readonly onAccessibility?: (() => void) | null;
}

/** The frame of every screen: notices and the display toolbar above, the privacy line and version below. */
export function AppShell({ children, toolbar, speechNotice, cover, footer = true, onAccessibility = null, ...notices }: AppShellProps) {
  const covered = cover !== undefined && cover !== null;
  const { t } = useI18n();
  return (
    <div class="app">
      {/* First in the tab order: past the display toolbar, straight to the screen. */}
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
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
      {footer ? <AppFooter onAccessibility={onAccessibility} /> : null}
    </div>
  );
}
