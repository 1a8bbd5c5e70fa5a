import { useCallback, useEffect, useRef, useState } from "react";
import type { Decision } from "../../features/checkin/decide.ts";
import { KioskState } from "../../features/checkin/kiosk-state.ts";
import { maxOverrideReasonLength } from "../../features/checkin/vocabulary.ts";
import { text } from "../../features/shared/localized.ts";
import { useT, useUiLang } from "../i18n.ts";
import { startCamera } from "../kiosk/scanner.ts";
import { kioskStore } from "../kiosk/store.ts";
import { fetchPhotos, KioskGone, pull, push } from "../kiosk/sync.ts";
import { verifyInBrowser } from "../kiosk/verify.ts";

// The check-in kiosk: an installable page that decides on badges offline (features/checkin/decide.ts)
// and syncs when it can. The device link carries its token in the fragment (#…), which never reaches a server.
export const handle = { hydrate: true };

export function links() {
  return [{ rel: "manifest", href: "/kiosk/manifest.webmanifest" }];
}

const syncEveryMs = 15_000;

interface Shown {
  nonce: string;
  decision: Decision;
  at: string;
  /** Let through by the operator against the refusal, with a reason. */
  overridden: boolean;
}

export default function Kiosk() {
  const t = useT();
  const lang = useUiLang();
  const state = useRef<KioskState | null>(null);
  const token = useRef<string | null>(null);
  const [ready, setReady] = useState<"loading" | "unregistered" | "withdrawn" | "ready">("loading");
  const [online, setOnline] = useState(false);
  const [queued, setQueued] = useState(0);
  const [setAside, setSetAside] = useState(0);
  const [lastSync, setLastSync] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  /** The scan whose receipt speaks of the person in front of the guard: the one shown, or its override. */
  const onScreen = useRef<string | null>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [camera, setCamera] = useState<"off" | "on" | "failed">("off");
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | null>(null);

  const refresh = useCallback(() => {
    const s = state.current;
    if (!s) return;
    setQueued(s.queue.length);
    setSetAside(s.setAside.length);
    setLastSync(s.lastSync);
  }, []);

  const sync = useCallback(async () => {
    const s = state.current;
    if (!s || !token.current) return;
    try {
      const receipts = await push(s, token.current);
      await pull(s, token.current);
      setOnline(true);
      // The server's word on what this kiosk let through: this door, or another, saw the same badge first.
      const repeated = s.repeatedAt(receipts, onScreen.current);
      if (repeated) setNotice(t(repeated === "here" ? "kiosk.alreadyInHere" : "kiosk.alreadyIn"));
      void fetchPhotos(s, token.current);
    } catch (error) {
      if (error instanceof KioskGone) {
        // Nothing of it stays, in memory either: the next sync finds no state and does nothing.
        state.current = null;
        await kioskStore.clear();
        setReady("withdrawn");
      }
      setOnline(false);
    }
    refresh();
  }, [refresh, t]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    (async () => {
      const fromLink = window.location.hash.slice(1);
      if (/^[A-Za-z0-9_-]{43}$/.test(fromLink)) {
        await kioskStore.setToken(fromLink);
        // The token leaves the address bar (and the history) at once.
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      token.current = (await kioskStore.token()) ?? null;
      if (!token.current) return setReady("unregistered");
      const snapshot = await kioskStore.snapshot();
      state.current = snapshot ? KioskState.restore(snapshot, verifyInBrowser) : new KioskState(verifyInBrowser);
      setReady("ready");
      refresh();
      await sync();
      timer = setInterval(sync, syncEveryMs);
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker
          .register("/kiosk/sw.js", { scope: "/kiosk" })
          .then(() => navigator.serviceWorker.ready)
          .then(() => {
            // Fetched again through the worker, so that the next start without network finds them.
            for (const entry of performance.getEntriesByType("resource")) if (new URL(entry.name).pathname.startsWith("/assets/")) void fetch(entry.name);
          })
          .catch(() => {});
      }
    })();
    const wake = () => void sync();
    window.addEventListener("online", wake);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", wake);
      stopCamera.current?.();
    };
  }, [refresh, sync]);

  const onCode = useCallback(
    async (code: string) => {
      const s = state.current;
      if (!s) return;
      const { decision, scan } = s.scan(code, new Date());
      // Kept before it is shown: a scan the guard saw is never lost, whatever happens next.
      await kioskStore.save(s.snapshot());
      setNotice(null);
      onScreen.current = scan.nonce;
      setShown({ nonce: scan.nonce, decision, at: scan.scannedAt, overridden: false });
      refresh();
      setPhoto(null);
      const id = "claims" in decision ? decision.claims?.participantId : undefined;
      if (id !== undefined && s.roster.get(id)?.photo) {
        const blob = await kioskStore.photo(id);
        if (blob) setPhoto(URL.createObjectURL(blob));
      }
      void sync();
    },
    [refresh, sync],
  );

  const override = async (form: FormData) => {
    const s = state.current;
    const reason = String(form.get("reason") ?? "").trim();
    if (!s || !shown || !reason) return;
    onScreen.current = s.override(shown.nonce, reason, new Date()).nonce;
    await kioskStore.save(s.snapshot());
    setShown({ ...shown, overridden: true });
    void sync();
  };

  const toggleCamera = async () => {
    if (stopCamera.current) {
      stopCamera.current();
      stopCamera.current = null;
      return setCamera("off");
    }
    try {
      stopCamera.current = await startCamera(video.current!, (code) => void onCode(code));
      setCamera("on");
    } catch {
      setCamera("failed");
    }
  };

  const s = state.current;
  const l = (value: Record<string, string> | undefined) => (value ? text(value, lang, s?.labels.languages ?? []) : "");
  const claims = shown && "claims" in shown.decision ? shown.decision.claims : undefined;
  const person = claims ? s?.roster.get(claims.participantId) : undefined;
  const category = claims ? s?.categories.find((c) => c.id === (person?.categoryId ?? claims.categoryId)) : undefined;

  return (
    <main className="kiosk" id="main">
      <title>{t("kiosk.title")}</title>
      <header className="kiosk-header">
        <h1>{s?.labels.list ? `${l(s.labels.list)} · ${s.labels.kiosk}` : t("kiosk.title")}</h1>
        {/* Only a kiosk in service keeps scans: an unregistered or withdrawn device has none to keep or send. */}
        {ready === "ready" ? (
          <p className="kiosk-status" role="status">
            <span className={online ? "online" : "offline"}>{online ? t("kiosk.online") : t("kiosk.offline")}</span>
            {" · "}
            {t("kiosk.queued", { count: queued })}
            {setAside > 0 ? ` · ${t("kiosk.setAside", { count: setAside })}` : ""}
            {lastSync ? ` · ${t("kiosk.lastSync", { time: new Date(lastSync).toLocaleTimeString(lang) })}` : ""}
            {s ? ` · ${t("kiosk.roster", { count: s.roster.size })}` : ""}
          </p>
        ) : null}
      </header>
      {ready === "loading" ? <p>{t("kiosk.loading")}</p> : null}
      {ready === "unregistered" ? <p className="notice">{t("kiosk.unregistered")}</p> : null}
      {ready === "withdrawn" ? <p className="notice">{t("kiosk.withdrawn")}</p> : null}
      {ready === "ready" ? (
        <>
          <section
            className={`verdict ${shown ? (shown.decision.ok || shown.overridden ? "verdict-ok" : "verdict-refused") : ""}`}
            aria-live="assertive"
            aria-atomic="true"
          >
            {shown ? (
              <>
                <p className="verdict-word">{shown.decision.ok ? t("kiosk.admitted") : shown.overridden ? t("kiosk.overridden") : t("kiosk.refusedTitle")}</p>
                {!shown.decision.ok ? <p className="verdict-reason">{t(`kiosk.refused.${shown.decision.reason}`)}</p> : null}
                {category ? (
                  <p className="verdict-category" style={{ backgroundColor: category.colour }}>
                    <span className="letter">{category.letter}</span> {l(category.name)}
                  </p>
                ) : null}
                {person ? (
                  <div className="verdict-person">
                    {photo ? <img src={photo} alt={t("kiosk.photoOf", { name: person.name })} /> : <p className="no-photo">{t("badges.noPhoto")}</p>}
                    <p className="verdict-name">{person.name}</p>
                    {person.localName ? <p className="verdict-local">{person.localName}</p> : null}
                  </div>
                ) : null}
                {notice ? <p className="notice">{notice}</p> : null}
                {!shown.decision.ok && !shown.overridden ? (
                  <form
                    className="stack"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void override(new FormData(e.currentTarget));
                    }}
                  >
                    <div className="field">
                      <label htmlFor="override-reason">{t("kiosk.overrideReason")}</label>
                      <textarea id="override-reason" name="reason" required rows={2} maxLength={maxOverrideReasonLength} />
                    </div>
                    <p className="actions">
                      <button type="submit">{t("kiosk.override")}</button>
                    </p>
                  </form>
                ) : null}
              </>
            ) : (
              <p className="verdict-word">{t("kiosk.waiting")}</p>
            )}
          </section>
          <section className="kiosk-input">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const input = e.currentTarget.elements.namedItem("code") as HTMLInputElement;
                const code = input.value;
                input.value = "";
                if (code.trim()) void onCode(code);
              }}
            >
              <div className="field">
                <label htmlFor="code">{t("kiosk.codeLabel")}</label>
                <input id="code" name="code" autoComplete="off" spellCheck={false} />
              </div>
              <p className="actions">
                <button type="submit">{t("kiosk.check")}</button>{" "}
                <button type="button" onClick={() => void toggleCamera()} aria-pressed={camera === "on"}>
                  {camera === "on" ? t("kiosk.cameraOff") : t("kiosk.cameraOn")}
                </button>
              </p>
              {camera === "failed" ? <p className="error">{t("kiosk.cameraFailed")}</p> : null}
            </form>
            <video ref={video} muted playsInline className={camera === "on" ? "camera" : "camera hidden"} aria-label={t("kiosk.camera")} />
          </section>
        </>
      ) : null}
    </main>
  );
}
