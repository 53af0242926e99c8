/*
 * Preflight's CSV scanner: a Node-API addon (ABI-stable: the same build loads in Node and Electron)
 * that splits the plain records of a decoded chunk into fields and classifies plain decimals, as
 * electron/core/datasets/readers/csv-tokenizer.ts and scan.ts do, writing into the caller's typed
 * arrays. It only takes the common case: a record with a doubled quote inside a quoted field, a blank
 * line, an unclosed quote or text after a closing quote is left to the JavaScript tokenizer ("bail"),
 * which handles that one record (and its error message) and calls back in. Both are property-tested
 * against each other (test/unit/datasets-csv-scanner.test.ts).
 *
 *   load(text)                      copies the chunk's text (UTF-16) once
 *   scan(pos, final, delim, state, starts, ends, toks, xs, counts, newlines)
 *     state[0] ← where it stopped, state[1] ← records, state[2] ← why: 0 end of text (or an
 *     incomplete record that needs more text), 1 bail, 2 out of room.
 *     For each record r: counts[r] fields, newlines[r] line breaks inside its quoted fields. For each
 *     field f (records back to back): starts/ends (UTF-16 offsets, without the quotes), toks[f] =
 *     (class + 1) | 32 if the number's text reads back exactly, xs[f] its value — or, for a field
 *     that is not a number and has at most MAX_WORD_CHARS units, words.ts's hash of its text.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>

#define QUOTE 34
#define LF 10
#define CR 13
/* infer.ts */
#define MISSING 0
#define INT 1
#define FLOAT 2
#define TEXT 8
/* words.ts: longer texts are never looked up as words */
#define MAX_WORD_CHARS 64

/* The loaded text, one per thread that loads the addon (Node-API instance data: workers get their own). */
typedef struct {
  uint16_t *text;
  size_t len, cap;
} Loaded;

static void freeLoaded(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(((Loaded *)data)->text);
  free(data);
}

static Loaded *loaded(napi_env env) {
  Loaded *l = NULL;
  if (napi_get_instance_data(env, (void **)&l) == napi_ok && l) return l;
  l = calloc(1, sizeof(Loaded));
  if (l && napi_set_instance_data(env, l, freeLoaded, NULL) != napi_ok) {
    free(l);
    l = NULL;
  }
  return l;
}

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* scan.ts's scanNumber, line for line: the class of buf[a, b) (-1: not a plain decimal). */
static int scanNumber(const uint16_t *buf, int64_t a, int64_t b, double *x, int *exact) {
  if (a == b) return MISSING;
  int64_t i = a;
  unsigned c = buf[i];
  int neg = c == 45, plus = c == 43;
  if (neg || plus) i++;
  int64_t intStart = i;
  double m = 0;
  while (i < b && (c = buf[i]) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  int64_t intDigits = i - intStart;
  if (intDigits == 0 || intDigits > 15) return -1;
  int leadingZero = intDigits > 1 && buf[intStart] == 48;
  if (i == b) {
    if (leadingZero) return TEXT;
    *x = neg ? -m : m;
    *exact = !plus && !(neg && m == 0);
    return INT;
  }
  if (c != 46) return -1;
  if (leadingZero) return TEXT;
  i++;
  int64_t fracStart = i;
  while (i < b && (c = buf[i]) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  int64_t frac = i - fracStart;
  if (i != b || intDigits + frac > 15) return -1;
  double v = m / POW10[frac];
  *x = neg ? -v : v;
  *exact = !plus && frac > 0 && buf[b - 1] != 48 && v >= 1e-6;
  return FLOAT;
}

static napi_value load(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  size_t len = 0;
  Loaded *l = loaded(env);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_string_utf16(env, argv[0], NULL, 0, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "load(text): a string");
    return NULL;
  }
  if (!l) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  if (len + 1 > l->cap) {
    size_t cap = len + 1 + len / 4;
    uint16_t *t = realloc(l->text, cap * sizeof(uint16_t));
    if (!t) {
      napi_throw_error(env, NULL, "out of memory");
      return NULL;
    }
    l->text = t;
    l->cap = cap;
  }
  napi_get_value_string_utf16(env, argv[0], (char16_t *)l->text, l->cap, &l->len);
  return NULL;
}

typedef struct {
  void *data;
  size_t length;
} Array;

static int typed(napi_env env, napi_value v, napi_typedarray_type want, Array *out) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  return napi_get_typedarray_info(env, v, &type, &out->length, &out->data, &buffer, &offset) == napi_ok && type == want;
}

static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  int64_t pos;
  bool final;
  int32_t delim;
  Array state, starts, ends, toks, xs, counts, newlines;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 10 ||
      napi_get_value_int64(env, argv[0], &pos) != napi_ok || napi_get_value_bool(env, argv[1], &final) != napi_ok ||
      napi_get_value_int32(env, argv[2], &delim) != napi_ok || !typed(env, argv[3], napi_int32_array, &state) ||
      state.length < 3 || !typed(env, argv[4], napi_int32_array, &starts) ||
      !typed(env, argv[5], napi_int32_array, &ends) || !typed(env, argv[6], napi_uint8_array, &toks) ||
      !typed(env, argv[7], napi_float64_array, &xs) || !typed(env, argv[8], napi_int32_array, &counts) ||
      !typed(env, argv[9], napi_int32_array, &newlines)) {
    napi_throw_type_error(env, NULL, "scan: bad arguments");
    return NULL;
  }
  size_t room = starts.length;
  if (ends.length < room) room = ends.length;
  if (toks.length < room) room = toks.length;
  if (xs.length < room) room = xs.length;
  size_t recordRoom = counts.length < newlines.length ? counts.length : newlines.length;
  int32_t *st = state.data, *fs = starts.data, *fe = ends.data, *rc = counts.data, *rn = newlines.data;
  uint8_t *ft = toks.data;
  double *fx = xs.data;
  Loaded *l = loaded(env);
  if (!l || !l->text) {
    napi_throw_error(env, NULL, "scan: no text loaded");
    return NULL;
  }
  const uint16_t *buf = l->text;
  const int64_t len = (int64_t)l->len;
  if (pos < 0 || pos > len) pos = len;
  size_t f = 0, records = 0;
  int why = 0;
  while (pos < len) {
    if (records == recordRoom) {
      why = 2;
      break;
    }
    unsigned c = buf[pos];
    if (c == LF || c == CR) {
      why = 1; /* a blank line */
      break;
    }
    size_t first = f;
    int64_t p = pos;
    int32_t lines = 0;
    int step = 0; /* 0 more fields, 1 complete, 2 incomplete, 3 bail, 4 out of room */
    while (step == 0) {
      if (f == room) {
        step = 4;
        break;
      }
      int64_t a, b;
      if (p >= len) {
        step = final ? 3 : 2; /* a delimiter ends the text: JavaScript adds the empty last field */
        break;
      }
      c = buf[p];
      if (c == QUOTE) {
        int64_t q = p + 1;
        while (q < len && buf[q] != QUOTE) q++;
        if (q >= len) {
          step = final ? 3 : 2; /* never closed: JavaScript says so (or more text comes) */
          break;
        }
        if (q + 1 >= len && !final) {
          step = 2; /* cannot tell "" from a closing quote yet */
          break;
        }
        if (q + 1 < len && buf[q + 1] == QUOTE) {
          step = 3; /* doubled quotes: the field needs unescaping */
          break;
        }
        a = p + 1;
        b = q;
        for (int64_t k = a; k < b; k++) lines += buf[k] == LF;
        p = q + 1;
        if (p < len && (c = buf[p]) != (unsigned)delim && c != LF && c != CR) {
          step = 3; /* text after the closing quote: an error JavaScript reports */
          break;
        }
      } else {
        int64_t e = p;
        while (e < len && (c = buf[e]) != (unsigned)delim && c != LF && c != CR) e++;
        if (e >= len && !final) {
          step = 2;
          break;
        }
        a = p;
        b = e;
        p = e;
      }
      double x = 0;
      int exact = 0;
      int tok = scanNumber(buf, a, b, &x, &exact);
      if (tok < 0 && b - a <= MAX_WORD_CHARS) {
        /* not a number: words.ts's hash of the text (FNV-1a over its UTF-16 units, seeded with its length) */
        uint32_t h = 0x811c9dc5u ^ (uint32_t)(b - a);
        for (int64_t k = a; k < b; k++) h = (h ^ buf[k]) * 0x01000193u;
        x = (double)h;
      }
      fs[f] = (int32_t)a;
      fe[f] = (int32_t)b;
      ft[f] = (uint8_t)((tok + 1) | (exact ? 32 : 0));
      fx[f] = x;
      f++;
      if (p >= len) {
        step = final ? 1 : 2; /* the last record, without a final newline */
        break;
      }
      c = buf[p];
      if (c == (unsigned)delim) {
        p++;
        continue;
      }
      if (c == CR) {
        if (p + 1 >= len && !final) {
          step = 2;
          break;
        }
        p += p + 1 < len && buf[p + 1] == LF ? 2 : 1;
      } else
        p++;
      step = 1;
    }
    if (step != 1) {
      f = first;
      /* No room even for this one record (wider than the arrays): JavaScript takes it. */
      why = step == 2 ? 0 : step == 3 || records == 0 ? 1 : 2;
      break;
    }
    rc[records] = (int32_t)(f - first);
    rn[records] = lines;
    records++;
    pos = p;
  }
  st[0] = (int32_t)pos;
  st[1] = (int32_t)records;
  st[2] = why;
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"load", NULL, load, NULL, NULL, NULL, napi_default_method, NULL},
      {"scan", NULL, scan, NULL, NULL, NULL, napi_default_method, NULL},
  };
  if (napi_define_properties(env, exports, 2, props) != napi_ok) return NULL;
  return exports;
}
