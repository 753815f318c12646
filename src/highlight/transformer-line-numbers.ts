// Line numbers as data, not text: `<pre class="… line-numbers"><span class="line" data-line="1">`. The site
// shows them with CSS (`.line-numbers .line::before { content: attr(data-line) }`), so copying a trace
// or a patch from the page never copies the numbers with it.
import type { ShikiTransformer } from 'shiki';

export function transformerLineNumbers(): ShikiTransformer {
  return {
    name: 'casebook:line-numbers',
    pre(node) {
      this.addClassToHast(node, 'line-numbers');
    },
    line(node, line) {
      node.properties['data-line'] = line;
    },
  };
}
