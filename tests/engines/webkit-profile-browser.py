#!/usr/bin/python3
"""A WebKitGTK browser for WebKitWebDriver that keeps its storage in a folder.

The MiniBrowser that WebKitWebDriver usually drives (--automation) keeps everything in memory: a restart always starts
empty. This one is the same engine (WebKitGTK, through its GObject bindings: Debian's python3-gi and
gir1.2-webkit2-4.1), with a website data manager on --profile=<folder>, so that the engine runs can check what a
restart of the browser keeps (tests/engines/engine-checks.ts, resultsKeptAcrossRestart). WebKitWebDriver starts it as
its browser ('webkitgtk:browserOptions', webkit-driver.ts) and drives it as it drives the MiniBrowser.
"""
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402


def option(name):
    return next((arg.split('=', 1)[1] for arg in sys.argv[1:] if arg.startswith(f'--{name}=')), None)


profile = option('profile')
if profile is None:
    sys.exit('webkit-profile-browser: --profile=<folder> is required')
version = [int(part) for part in (option('version') or '0.0.0').split('.')[:3]] + [0, 0, 0]

manager = WebKit2.WebsiteDataManager(base_data_directory=f'{profile}/data', base_cache_directory=f'{profile}/cache')
context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(1280, 900)
    window.add(view)
    window.show_all()
    view.connect('close', lambda _view: window.destroy())
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    # The name WebKitWebDriver's capabilities ask for (browserName), as for the MiniBrowser.
    info.set_name('MiniBrowser')
    info.set_version(version[0], version[1], version[2])
    session.set_application_info(info)
    session.connect('create-web-view', create_web_view)


context.connect('automation-started', automation_started)
Gtk.main()
