// Turns the npm packages world-atlas (Natural Earth 1:110m countries, public domain) and
// us-atlas (US Census Bureau cartographic boundaries, 1:10m states in the Albers USA projection,
// public domain) into the region shapes of cs_chart_choropleth(), written as C headers: one SVG
// path per region, keyed by its code. Country ids (ISO 3166-1 numeric) become alpha-2 codes
// and names (English, Russian) through the npm package i18n-iso-countries; state ids (FIPS)
// become ISO 3166-2 codes (US-CA) through the table below, checked against the atlas's names.
// Coordinates are whole tenths of a unit (the chart draws them at scale 0.1), relative moves.
// Run by scripts/choropleth-geometry.sh; the generated headers are committed, so the build
// needs neither node nor the network.
// Usage: node scripts/choropleth-geometry.js NODE_MODULES OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const [, , modulesArg, outDir] = process.argv;
const modules = path.resolve(modulesArg);
const countries = require(path.join(modules, 'i18n-iso-countries'));
const version = (p) => JSON.parse(fs.readFileSync(path.join(modules, p, 'package.json'))).version;

// FIPS state codes (US Census Bureau) → USPS codes, with the name the atlas must give.
const FIPS = {
  '01': ['AL', 'Alabama'], '02': ['AK', 'Alaska'], '04': ['AZ', 'Arizona'],
  '05': ['AR', 'Arkansas'], '06': ['CA', 'California'], '08': ['CO', 'Colorado'],
  '09': ['CT', 'Connecticut'], '10': ['DE', 'Delaware'], '11': ['DC', 'District of Columbia'],
  '12': ['FL', 'Florida'], '13': ['GA', 'Georgia'], '15': ['HI', 'Hawaii'], '16': ['ID', 'Idaho'],
  '17': ['IL', 'Illinois'], '18': ['IN', 'Indiana'], '19': ['IA', 'Iowa'], '20': ['KS', 'Kansas'],
  '21': ['KY', 'Kentucky'], '22': ['LA', 'Louisiana'], '23': ['ME', 'Maine'],
  '24': ['MD', 'Maryland'], '25': ['MA', 'Massachusetts'], '26': ['MI', 'Michigan'],
  '27': ['MN', 'Minnesota'], '28': ['MS', 'Mississippi'], '29': ['MO', 'Missouri'],
  '30': ['MT', 'Montana'], '31': ['NE', 'Nebraska'], '32': ['NV', 'Nevada'],
  '33': ['NH', 'New Hampshire'], '34': ['NJ', 'New Jersey'], '35': ['NM', 'New Mexico'],
  '36': ['NY', 'New York'], '37': ['NC', 'North Carolina'], '38': ['ND', 'North Dakota'],
  '39': ['OH', 'Ohio'], '40': ['OK', 'Oklahoma'], '41': ['OR', 'Oregon'],
  '42': ['PA', 'Pennsylvania'], '44': ['RI', 'Rhode Island'], '45': ['SC', 'South Carolina'],
  '46': ['SD', 'South Dakota'], '47': ['TN', 'Tennessee'], '48': ['TX', 'Texas'],
  '49': ['UT', 'Utah'], '50': ['VT', 'Vermont'], '51': ['VA', 'Virginia'],
  '53': ['WA', 'Washington'], '54': ['WV', 'West Virginia'], '55': ['WI', 'Wisconsin'],
  '56': ['WY', 'Wyoming'], '72': ['PR', 'Puerto Rico'], '78': ['VI', 'United States Virgin Islands'],
  '60': ['AS', 'American Samoa'], '66': ['GU', 'Guam'], '69': ['MP', 'Northern Mariana Islands'],
};

function decodeArcs(topo) {
  const { scale, translate } = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
  });
}

function ring(arcs, indexes) {
  const pts = [];
  for (const i of indexes) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    pts.push(...(pts.length ? a.slice(1) : a)); // consecutive arcs share their end point
  }
  return pts;
}

function polygonsOf(g) {
  if (g.type === 'Polygon') return [g.arcs];
  if (g.type === 'MultiPolygon') return g.arcs;
  return [];
}

function subpath(pts) {
  let [px, py] = pts[0];
  let out = `M${px} ${py}`, cmd = '';
  for (const [x, y] of pts.slice(1)) {
    const dx = x - px, dy = y - py;
    out += (cmd === 'l' ? (dx < 0 ? '' : ' ') : 'l') + `${dx}` + (dy < 0 ? '' : ' ') + `${dy}`;
    cmd = 'l';
    px = x;
    py = y;
  }
  return out + 'z';
}

function clean(pts) {
  const c = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
  if (c.length > 1 && c[0][0] === c[c.length - 1][0] && c[0][1] === c[c.length - 1][1]) c.pop();
  return c;
}

// World: equirectangular, 720 x 360 units (x = (lon + 180) * 2, y = (90 - lat) * 2), in tenths.
function world(topo) {
  const arcs = decodeArcs(topo);
  const W = 7200;
  const project = ([lon, lat]) => [Math.round((lon + 180) * 20), Math.round((90 - lat) * 20)];
  const shapes = [];
  for (const g of topo.objects.countries.geometries) {
    const code = g.id ? countries.numericToAlpha2(g.id) : undefined;
    let d = '';
    for (const poly of polygonsOf(g)) {
      for (const r of poly) {
        const ll = ring(arcs, r);
        let pts = ll.map(project);
        // a ring crossing the antimeridian (Chukotka, Fiji) is unwrapped so that it does not
        // jump across the map, then drawn again one map-width over; the chart clips to the frame
        if (!ll.some(([, lat]) => lat < -85)) {
          let shift = 0;
          pts = pts.map((p, i) => {
            if (i > 0) {
              const dx = p[0] - pts[i - 1][0];
              if (dx > W / 2) shift -= W;
              else if (dx < -W / 2) shift += W;
            }
            return [p[0] + shift, p[1]];
          });
        }
        const c = clean(pts);
        if (c.length < 3) continue;
        const xs = c.map((p) => p[0]);
        const copies = [0];
        if (Math.max(...xs) > W) copies.push(-W);
        if (Math.min(...xs) < 0) copies.push(W);
        for (const off of copies) d += subpath(c.map(([x, y]) => [x + off, y]));
      }
    }
    // Kosovo has no ISO 3166-1 code; XK is the user-assigned code in common use (EU, IMF)
    const c2 = code || (g.properties.name === 'Kosovo' ? 'XK' : '');
    shapes.push({
      code: c2,
      en: c2 ? countries.getName(c2, 'en') : g.properties.name,
      ru: c2 ? countries.getName(c2, 'ru') || countries.getName(c2, 'en') : g.properties.name,
      d,
    });
  }
  return shapes;
}

// Countries too small for 1:110m (Singapore, Malta, Bahrain, island states) are drawn as a dot
// at the centre of their largest polygon at 1:50m, so that every country of the 1:50m map can
// be given a value and seen.
function worldDots(topo50, have) {
  const arcs = decodeArcs(topo50);
  const dots = [];
  for (const g of topo50.objects.countries.geometries) {
    const code = g.id ? countries.numericToAlpha2(g.id) : undefined;
    if (!code || have.has(code)) continue;
    let best = null;
    for (const poly of polygonsOf(g)) {
      const pts = ring(arcs, poly[0]);
      let a = 0, cx = 0, cy = 0;
      for (let i = 0; i < pts.length - 1; i++) {
        const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
        const f = x0 * y1 - x1 * y0;
        a += f;
        cx += (x0 + x1) * f;
        cy += (y0 + y1) * f;
      }
      const area = Math.abs(a / 2);
      const c = a ? [cx / (3 * a), cy / (3 * a)] : pts[0];
      if (!best || area > best.area) best = { area, c };
    }
    const x = Math.round((best.c[0] + 180) * 20), y = Math.round((90 - best.c[1]) * 20);
    const r = 18; // 1.8 units
    dots.push({
      code,
      en: countries.getName(code, 'en'),
      ru: countries.getName(code, 'ru') || countries.getName(code, 'en'),
      d: `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`,
    });
  }
  return dots;
}

// US states: the atlas's own Albers USA frame (975 x 610, Alaska and Hawaii inset), in tenths.
function usStates(topo) {
  const arcs = decodeArcs(topo);
  const project = ([x, y]) => [Math.round(x * 10), Math.round(y * 10)];
  const shapes = [];
  for (const g of topo.objects.states.geometries) {
    const f = FIPS[g.id];
    if (!f || f[1] !== g.properties.name)
      throw new Error(`state ${g.id} ${g.properties.name}: not ${f ? f[1] : 'in the FIPS table'}`);
    let d = '';
    for (const poly of polygonsOf(g))
      for (const r of poly) {
        const c = clean(ring(arcs, r).map(project));
        if (c.length >= 3) d += subpath(c);
      }
    shapes.push({ code: `US-${f[0]}`, en: g.properties.name, ru: '', d });
  }
  return shapes;
}

function cString(s) {
  return JSON.stringify(s); // ASCII paths and UTF-8 names: JSON's escapes are C's for these
}

function header(name, guard, about, shapes, w, h) {
  shapes.sort((a, b) => (a.code === '' ? 1 : 0) - (b.code === '' ? 1 : 0) ||
                        (a.code < b.code ? -1 : a.code > b.code ? 1 : a.en < b.en ? -1 : 1));
  const codes = shapes.filter((s) => s.code).map((s) => s.code);
  if (new Set(codes).size !== codes.length) throw new Error(`${name}: a code repeats`);
  const rows = shapes.map((s) => {
    const lines = [];
    for (let i = 0; i < s.d.length; i += 88) lines.push(`      ${cString(s.d.slice(i, i + 88))}`);
    return `    { ${cString(s.code)}, ${cString(s.en)}, ${cString(s.ru)},\n${lines.join('\n')} },`;
  });
  return `/*
 * ${name}: generated by scripts/choropleth-geometry.sh; do not edit.
${about}
 * One SVG path per region in tenths of a unit of a ${w} x ${h} frame; sorted by code, the
 * regions without a code (drawn, never joined) last. Static data; nothing to free.
 */
#ifndef ${guard}
#define ${guard}

#include "render/geo.h"

#define ${guard}_W ${w}
#define ${guard}_H ${h}
static const cs_geo_shape ${name.replace('.h', '').replace('geo_', 'cs_geo_')}_shapes[] = {
${rows.join('\n')}
};

#endif
`;
}

const wtopo = JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas/countries-110m.json')));
const w50 = JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas/countries-50m.json')));
const utopo = JSON.parse(fs.readFileSync(path.join(modules, 'us-atlas/states-albers-10m.json')));
const outputs = [
  ['geo_world.h', 'CS_GEO_WORLD', ` * Countries of world-atlas ${version('world-atlas')} (countries-110m.json: Natural Earth
 * 1:110m, public domain), and as a dot those only its 1:50m map has (countries-50m.json); ISO
 * 3166-1 alpha-2 codes (XK for Kosovo) and names from i18n-iso-countries
 * ${version('i18n-iso-countries')}; equirectangular, x = (lon + 180) * 2, y = (90 - lat) * 2.`,
   (() => {
     const w = world(wtopo);
     return w.concat(worldDots(w50, new Set(w.map((x) => x.code))));
   })(), 720, 360],
  ['geo_us.h', 'CS_GEO_US', ` * States of us-atlas ${version('us-atlas')} (states-albers-10m.json: US Census Bureau
 * cartographic boundaries 1:10m, public domain) in its Albers USA projection, with Alaska and
 * Hawaii inset; ISO 3166-2 codes (US-CA) from their FIPS codes.`,
   usStates(utopo), 975, 610],
];
for (const [name, guard, about, shapes, w, h] of outputs) {
  const text = header(name, guard, about, shapes, w, h);
  fs.writeFileSync(path.join(outDir, name), text);
  console.log(`${name}: ${shapes.length} regions, ${text.length} bytes`);
}
