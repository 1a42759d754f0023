import { redoDepth, undoDepth } from '@tiptap/pm/history';
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { usePaintedState } from '../../ui/usePaintedState.ts';

type Tool = {
  label: string;
  text: string;
  shortcut: string;
  isActive?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
  isEnabled?: (editor: Editor) => boolean;
};

const TOOLS: readonly (Tool | 'gap')[] = [
  {
    label: 'Heading 1',
    text: 'H1',
    shortcut: 'Ctrl+Alt+1',
    isActive: (e) => e.isActive('heading', { level: 1 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run(),
  },
  {
    label: 'Heading 2',
    text: 'H2',
    shortcut: 'Ctrl+Alt+2',
    isActive: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    label: 'Heading 3',
    text: 'H3',
    shortcut: 'Ctrl+Alt+3',
    isActive: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  'gap',
  {
    label: 'Bold',
    text: 'B',
    shortcut: 'Ctrl+B',
    isActive: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'Italic',
    text: 'I',
    shortcut: 'Ctrl+I',
    isActive: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'Underline',
    text: 'U',
    shortcut: 'Ctrl+U',
    isActive: (e) => e.isActive('underline'),
    run: (e) => e.chain().focus().toggleUnderline().run(),
  },
  {
    label: 'Strikethrough',
    text: 'S',
    shortcut: 'Ctrl+Shift+S',
    isActive: (e) => e.isActive('strike'),
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  {
    label: 'Code',
    text: '</>',
    shortcut: 'Ctrl+E',
    isActive: (e) => e.isActive('code'),
    run: (e) => e.chain().focus().toggleCode().run(),
  },
  'gap',
  {
    label: 'Bulleted list',
    text: '•',
    shortcut: 'Ctrl+Shift+8',
    isActive: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    text: '1.',
    shortcut: 'Ctrl+Shift+7',
    isActive: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: 'Quote',
    text: '“',
    shortcut: 'Ctrl+Shift+B',
    isActive: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: 'Horizontal rule',
    text: '—',
    shortcut: '',
    run: (e) => e.chain().focus().setHorizontalRule().run(),
  },
  'gap',
  {
    label: 'Undo',
    text: '↶',
    shortcut: 'Ctrl+Z',
    run: (e) => e.chain().focus().undo().run(),
    // What `can().undo()` answers, read straight from the history: building `can()` on every
    // keystroke cost more than all the other buttons together in a long memo.
    isEnabled: (e) => undoDepth(e.state) > 0,
  },
  {
    label: 'Redo',
    text: '↷',
    shortcut: 'Ctrl+Shift+Z',
    run: (e) => e.chain().focus().redo().run(),
    isEnabled: (e) => redoDepth(e.state) > 0,
  },
];

type ToolbarState = {
  active: readonly boolean[];
  enabled: readonly boolean[];
  isLink: boolean;
  href: string;
};

function toolbarStateOf(editor: Editor): ToolbarState {
  return {
    active: TOOLS.map((tool) => tool !== 'gap' && tool.isActive?.(editor) === true),
    enabled: TOOLS.map((tool) => tool === 'gap' || tool.isEnabled === undefined || tool.isEnabled(editor)),
    isLink: editor.isActive('link'),
    href: (editor.getAttributes('link').href as string | undefined) ?? '',
  };
}

function sameFlags(a: readonly boolean[], b: readonly boolean[]): boolean {
  return a.length === b.length && a.every((flag, index) => flag === b[index]);
}

function sameState(a: ToolbarState, b: ToolbarState): boolean {
  return (
    sameFlags(a.active, b.active) &&
    sameFlags(a.enabled, b.enabled) &&
    a.isLink === b.isLink &&
    a.href === b.href
  );
}

function followTransactions(editor: Editor, listener: () => void): () => void {
  editor.on('transaction', listener);
  return () => {
    editor.off('transaction', listener);
  };
}

/** The memo's formatting toolbar. */
export function MemoToolbar({ editor }: { editor: Editor }) {
  /*
   * Read on every transaction (a dozen `isActive` checks, then the toolbar's render), the buttons'
   * state cost about 0.4 ms between each keystroke and its paint in a long memo (bench:ui, CPU
   * profile); they follow a frame later, and re-render only when one of them changed.
   */
  const state = usePaintedState(editor, followTransactions, toolbarStateOf, sameState);
  const [link, setLink] = useState<string | null>(null);

  const applyLink = (href: string) => {
    const chain = editor.chain().focus().extendMarkRange('link');
    if (href.trim() === '') chain.unsetLink().run();
    else chain.setLink({ href: href.trim() }).run();
    setLink(null);
  };

  return (
    <div className="memo-toolbar" role="toolbar" aria-label="Memo formatting">
      {TOOLS.map((tool, index) =>
        tool === 'gap' ? (
          <span key={`gap-${String(index)}`} className="toolbar-gap" aria-hidden="true" />
        ) : (
          <button
            key={tool.label}
            type="button"
            className={`tool${state.active[index] === true ? ' is-active' : ''}`}
            aria-label={tool.label}
            aria-pressed={tool.isActive === undefined ? undefined : state.active[index] === true}
            title={tool.shortcut === '' ? tool.label : `${tool.label} (${tool.shortcut})`}
            disabled={state.enabled[index] === false}
            onMouseDown={(event) => {
              // Keeps the editor's selection: the command applies to what was selected.
              event.preventDefault();
            }}
            onClick={() => {
              tool.run(editor);
            }}
          >
            {tool.text}
          </button>
        ),
      )}
      {link === null ? (
        <button
          type="button"
          className={`tool${state.isLink ? ' is-active' : ''}`}
          aria-label="Link"
          aria-pressed={state.isLink}
          title="Link (Ctrl+K)"
          onMouseDown={(event) => {
            event.preventDefault();
          }}
          onClick={() => {
            setLink(state.href);
          }}
        >
          Link
        </button>
      ) : (
        <input
          className="link-input"
          aria-label="Link address"
          placeholder="https://… (empty removes the link)"
          autoFocus
          value={link}
          onChange={(event) => {
            setLink(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              applyLink(link);
            }
            if (event.key === 'Escape') {
              setLink(null);
              editor.commands.focus();
            }
          }}
          onBlur={() => {
            setLink(null);
          }}
        />
      )}
    </div>
  );
}
