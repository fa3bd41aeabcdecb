import L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleState } from '../state/console-state.js';
import { isStale, panickingGuards } from '../state/guard-positions.js';
import type { GuardView, SiteView } from '../state/views.js';
import { useServices } from './context.js';

const geofenceStyle: L.PathOptions = { color: '#2563eb', weight: 2, fillOpacity: 0.08 };

function geofenceLayer(site: SiteView): L.Layer {
  const g = site.geofence;
  if ('center' in g) return L.circle([g.center.lat, g.center.lng], { ...geofenceStyle, radius: g.radiusM });
  return L.polygon(
    g.coordinates.map((ring) => ring.map(([lng, lat]) => [lat, lng] as [number, number])),
    geofenceStyle,
  );
}

function markerFor(g: GuardView): L.Marker {
  const m = L.marker([g.position!.lat, g.position!.lng], {
    icon: L.divIcon({ className: 'guard-marker', iconSize: [18, 18] }),
    keyboard: true,
    title: g.name ?? 'Guard',
    alt: g.name ?? 'Guard',
  });
  m.bindTooltip(g.name ?? 'Guard', {
    direction: 'right',
    offset: [10, 0],
    permanent: true,
    className: 'guard-label',
  });
  return m;
}

/** Leaflet map: the site's geofence, one marker per guard on shift with a position. */
export function LiveMap({ state }: { state: ConsoleState }) {
  const { settings } = useServices();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const fence = useRef<L.LayerGroup | undefined>(undefined);
  const markers = useRef(new Map<string, L.Marker>());
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const m = L.map(el.current!, { zoomControl: true, attributionControl: true }).setView(
      [52.52, 13.405],
      15,
    );
    m.attributionControl.setPrefix('Leaflet');
    if (settings.tileUrl)
      L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: settings.tileAttribution }).addTo(m);
    fence.current = L.layerGroup().addTo(m);
    map.current = m;
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el.current!);
    const tick = setInterval(() => setNow(Date.now()), 5000);
    return () => {
      clearInterval(tick);
      resize.disconnect();
      m.remove();
    };
  }, []);

  const site = state.sites.find((s) => s.id === state.siteId);
  useEffect(() => {
    const m = map.current!;
    fence.current!.clearLayers();
    for (const mk of markers.current.values()) mk.remove();
    markers.current.clear();
    if (!site) return;
    const layer = geofenceLayer(site).addTo(fence.current!);
    m.fitBounds((layer as L.Circle | L.Polygon).getBounds(), { padding: [30, 30], maxZoom: 17 });
  }, [site?.id]);

  const panicking = panickingGuards(state);
  useEffect(() => {
    const m = map.current!;
    const shown = markers.current;
    for (const [userId, mk] of shown)
      if (!state.guards[userId]?.position) {
        mk.remove();
        shown.delete(userId);
      }
    for (const g of Object.values(state.guards)) {
      if (!g.position) continue;
      let mk = shown.get(g.userId);
      if (!mk) {
        mk = markerFor(g).addTo(m);
        const icon = mk.getElement()!;
        icon.dataset.testid = 'guard-marker';
        icon.dataset.userId = g.userId;
        shown.set(g.userId, mk);
      } else mk.setLatLng([g.position.lat, g.position.lng]);
      const icon = mk.getElement()!;
      const stale = isStale(g, settings.guardStaleAfterS, now);
      icon.classList.toggle('stale', stale);
      icon.classList.toggle('panic', panicking.has(g.userId));
      icon.setAttribute(
        'aria-label',
        `${g.name ?? 'Guard'}${panicking.has(g.userId) ? ', panic' : ''}${stale ? ', stale' : ''}`,
      );
    }
  }, [state.guards, state.panics, now]);

  useEffect(() => {
    if (state.focus) map.current!.setView([state.focus.lat, state.focus.lng], 18);
  }, [state.focus?.seq]);

  return (
    <section class="map-wrap" aria-label="Live map">
      <div ref={el} class="live-map" data-testid="live-map" />
      {!settings.tileUrl && <p class="map-note">Map tiles are off: geofences and guards only.</p>}
    </section>
  );
}
