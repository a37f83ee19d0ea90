//! `callsite serve`: build into memory, serve over HTTP, rebuild on every
//! change and tell open pages to reload. `output/` is never touched.

pub mod host;
pub mod http;
pub mod listen;
pub mod reload;
pub mod watch;

use crate::diagnostics::{self, Format};
use crate::incremental::{Incremental, Rebuilt};
use crate::{BuildOptions, Error};
use reload::Hub;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::time::Instant;

/// The default preview port, as the peers use.
pub const DEFAULT_PORT: u16 = 1111;

/// What `serve` needs beyond a build's options.
pub struct ServeOptions {
    pub build: BuildOptions,
    /// `None`: 1111 or the next free port; `Some(0)`: any free port.
    pub port: Option<u16>,
    /// Loopback unless said otherwise.
    pub bind: Option<IpAddr>,
    /// Poll for changes instead of native file events.
    pub poll: bool,
}

/// Binds `port` on `ip`, or the next free one after it.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, Error> {
    let first = port.unwrap_or(DEFAULT_PORT);
    if first == 0 {
        return TcpListener::bind(SocketAddr::new(ip, 0))
            .map_err(|e| Error::Usage(format!("cannot listen on {ip}: {e}")));
    }
    let mut last_error = None;
    for p in first..first.saturating_add(50) {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if p != first {
                    eprintln!("port {first} is taken; using {p}");
                }
                return Ok(l);
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(Error::Usage(format!(
        "no free port from {first} to {}: {}",
        first.saturating_add(49),
        last_error.map_or_else(String::new, |e| e.to_string())
    )))
}

/// Renders the site and publishes it, or shows what broke. A patch is
/// published first and its search index after, so the edited page is
/// served as soon as it is made.
fn rebuild(opts: &BuildOptions, hub: &Hub, cache: &Incremental, changed: &[PathBuf]) {
    let started = Instant::now();
    let (pages, diagnostics) = match cache.rebuild(opts, changed) {
        Ok(Rebuilt::Whole(site)) if site.ok() => {
            let pages = site.pages();
            hub.publish(site.files);
            (pages, site.diagnostics)
        }
        Ok(Rebuilt::Patched { files, diagnostics }) => {
            let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
            hub.patch(files);
            let served = started.elapsed();
            match cache.index() {
                Ok(index) => hub.indexed(index),
                Err(e) => {
                    hub.keep_index();
                    eprintln!("error: the search index was not updated: {e}");
                }
            }
            warn(&diagnostics, opts);
            eprintln!(
                "rebuilt {} in {} ms (search index {} ms more)",
                diagnostics::plural(pages, "page"),
                served.as_millis(),
                (started.elapsed() - served).as_millis()
            );
            return;
        }
        Ok(Rebuilt::Whole(site)) => {
            let text = format!(
                "{}{}",
                diagnostics::render(&site.diagnostics, Format::Human, &opts.root),
                diagnostics::summary(&site.diagnostics)
            );
            return failed(hub, text);
        }
        Err(e) => return failed(hub, format!("error: {e}")),
    };
    warn(&diagnostics, opts);
    eprintln!(
        "rebuilt {} in {} ms",
        diagnostics::plural(pages, "page"),
        started.elapsed().as_millis()
    );
}

/// Shows the warnings of a build that succeeded.
fn warn(diagnostics: &[crate::diagnostics::Diagnostic], opts: &BuildOptions) {
    if !diagnostics.is_empty() {
        eprint!(
            "{}",
            diagnostics::render(diagnostics, Format::Human, &opts.root)
        );
    }
}

/// Keeps serving the last good version and shows `text` on every page.
fn failed(hub: &Hub, text: String) {
    eprintln!("{text}\nbuild failed; still serving the last good version");
    hub.fail(text);
}

/// Serves the site until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<(), Error> {
    let ip = opts.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}: anyone who can reach this machine can see the preview, drafts included"
        );
    }
    let listener = bind(ip, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(e.to_string()))?;
    let shown = if ip.is_unspecified() {
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
    } else {
        addr
    };
    let mut build = opts.build;
    // Absolute, so the watcher's paths and the loader's match.
    build.root = build
        .root
        .canonicalize()
        .map_err(|e| Error::io(&build.root, e))?;
    build.base_url = Some(format!("http://{shown}/"));
    let hub = Hub::default();
    let cache = std::sync::Arc::new(Incremental::default());
    rebuild(&build, &hub, &cache, &[]);

    let dirs = [build.root.join("content"), build.root.join("themes")];
    let (watcher, changes) = watch::start(&dirs, opts.poll)
        .map_err(|e| Error::io(&build.root, std::io::Error::other(e)))?;
    let watch_hub = hub.clone();
    let watch_opts = build.clone();
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Some(batch) = watch::next_batch(&changes) {
            rebuild(&watch_opts, &watch_hub, &cache, &batch);
        }
    });

    println!(
        "Serving {} at http://{shown}/ (Ctrl-C to stop)",
        build.root.display()
    );
    let app = http::router(hub, host::AllowedHosts::new(ip, addr.port()));
    run_server(listener, app, &build.root)
}

/// Serves `app` on `listener` until Ctrl-C.
fn run_server(
    listener: TcpListener,
    app: axum::Router,
    root: &std::path::Path,
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(root, e))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io(root, e))?;
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io(root, e))?;
        tokio::select! {
            () = listen::run(listener, app) => {}
            _ = tokio::signal::ctrl_c() => eprintln!("stopped"),
        }
        Ok::<(), Error>(())
    })?;
    runtime.shutdown_background();
    Ok(())
}
