import type { ComponentChildren } from 'preact';
import { AppFooter } from './AppFooter';
import { NoticeBar, type NoticeBarProps } from './NoticeBar';

/** The frame of every screen: the notices above, the privacy line and version below. */
export function AppShell({ children, ...notices }: NoticeBarProps & { readonly children: ComponentChildren }) {
  return (
    <div class="app">
      <NoticeBar {...notices} />
      {children}
      <AppFooter />
    </div>
  );
}
