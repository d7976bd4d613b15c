const cnchar = require('cnchar');
const order = require('cnchar-order');
cnchar.use(order);
const cls = {'横':1,'提':1,'竖':2,'竖钩':2,'撇':3,'点':4,'点2':4,'捺':4};
const out = [];
const unknown = {};
for (let cp = 0x3400; cp <= 0x9FFF; cp++) {
  const ch = String.fromCodePoint(cp);
  let names;
  try { names = cnchar.stroke(ch, 'order', 'name')[0]; } catch (e) { continue; }
  if (!Array.isArray(names) || names.length === 0) continue;
  let seq = '';
  for (const n0 of names) { const n = String(n0).split('|')[0]; seq += (cls[n] || 5); if (!(n in cls)) unknown[n]=(unknown[n]||0)+1; }
  out.push(ch + '\t' + seq);
}
require('fs').writeFileSync('cnchar_strokes.tsv', out.join('\n') + '\n');
console.error(out.length, Object.keys(unknown).sort().join(' '));
