//! Words numbered as pages are read, without threads waiting on each
//! other: each rendering thread takes a `Local` from the pool, numbers its
//! page's words in it and counts them in a dense array (no map and no
//! allocation per page), and puts it back. The locals' numbers are joined
//! into one vocabulary when the index is written.

use super::WordMap;
use super::words::Words;
use std::sync::Mutex;

/// The most distinct words one local numbers (ids have 24 bits).
const MAX_WORDS: usize = 1 << 24;

/// One thread's words and the buffers it reuses from page to page.
#[derive(Default)]
pub struct Local {
    /// Which local this is: documents name it beside their word ids.
    pub slot: u32,
    ids: WordMap<Box<str>, u32>,
    pub words: Vec<Box<str>>,
    counts: Vec<u32>,
    touched: Vec<u32>,
    /// The words of the section being read, and of its title.
    pub text: Words,
    title: Words,
}

impl Local {
    /// A section's words and its title's, counted (title words five
    /// times), as (word id, uses).
    pub fn terms(&mut self, text: &Words, title: &str) -> Terms {
        let mut title_words = std::mem::take(&mut self.title);
        title_words.read(title);
        for w in text.iter() {
            self.count(w, 1);
        }
        for w in title_words.iter() {
            self.count(w, 4);
        }
        self.title = title_words;
        self.touched.sort_unstable();
        let mut terms = Terms::default();
        let mut previous = 0;
        for &id in &self.touched {
            let n = std::mem::take(&mut self.counts[id as usize]);
            terms.push(id - previous, n.min(255) as u8);
            previous = id;
        }
        self.touched.clear();
        terms.0.shrink_to_fit();
        terms
    }

    fn count(&mut self, word: &str, by: u32) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None if self.words.len() < MAX_WORDS => {
                let id = self.words.len() as u32;
                self.words.push(word.into());
                self.ids.insert(word.into(), id);
                self.counts.push(0);
                id
            }
            None => return,
        };
        let c = &mut self.counts[id as usize];
        if *c == 0 {
            self.touched.push(id);
        }
        *c += by;
    }
}

/// A section's words as (id, uses), ids ascending, packed: the gap from
/// the previous id in 7-bit groups, then the uses in a byte. The words
/// met first (the commonest) have the smallest ids, so most entries take
/// two or three bytes: at 100,000 minutes these lists are the largest
/// thing search holds until the index is written.
#[derive(Default, Clone)]
pub struct Terms(Vec<u8>);

impl Terms {
    fn push(&mut self, mut gap: u32, uses: u8) {
        while gap >= 0x80 {
            self.0.push((gap as u8 & 0x7f) | 0x80);
            gap >>= 7;
        }
        self.0.push(gap as u8);
        self.0.push(uses);
    }

    /// Each (word id, uses).
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.0.iter();
        let mut id = 0u32;
        std::iter::from_fn(move || {
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let b = *bytes.next()?;
                gap |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            id += gap;
            Some((id, u32::from(*bytes.next()?)))
        })
    }
}

/// The locals not in use.
#[derive(Default)]
pub struct Pool {
    free: Mutex<(Vec<Local>, u32)>,
}

impl Pool {
    /// Runs `f` with a local no other thread is using.
    pub fn with<T>(&self, f: impl FnOnce(&mut Local) -> T) -> T {
        let mut local = {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            let (list, made) = &mut *free;
            list.pop().unwrap_or_else(|| {
                *made += 1;
                Local {
                    slot: *made - 1,
                    ..Local::default()
                }
            })
        };
        let out = f(&mut local);
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        free.0.push(local);
        out
    }

    /// Every local, by slot, once no page is being read (the pool stays
    /// usable for the next build of a `serve` session).
    pub fn locals(&self) -> std::sync::MutexGuard<'_, (Vec<Local>, u32)> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        free.0.sort_by_key(|l| l.slot);
        free
    }
}

/// The locals' words as one list, and for each local the place of each
/// of its words in that list.
pub fn join(locals: &[Local]) -> (Vec<&str>, Vec<Vec<u32>>) {
    let mut ids: WordMap<&str, u32> = WordMap::default();
    let mut words = Vec::new();
    let maps = locals
        .iter()
        .map(|l| {
            l.words
                .iter()
                .map(|w| {
                    *ids.entry(w).or_insert_with(|| {
                        words.push(&**w);
                        (words.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    (words, maps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_terms_read_back() {
        let mut t = Terms::default();
        let pairs = [(0, 1), (127, 255), (128, 3), (300_000, 4), (16_777_215, 9)];
        let mut previous = 0;
        for &(id, n) in &pairs {
            t.push(id - previous, n as u8);
            previous = id;
        }
        assert_eq!(t.iter().collect::<Vec<_>>(), pairs);
    }

    #[test]
    fn words_are_counted_and_numbered_once_across_locals() {
        let pool = Pool::default();
        let terms =
            pool.with(|l| l.terms(Words::default().read("Houston houston caravan"), "Caravan"));
        assert_eq!(terms.iter().collect::<Vec<_>>(), [(0, 2), (1, 5)]);
        let locals = pool.locals();
        let (words, maps) = join(&locals.0);
        assert_eq!(words, ["houston", "caravan"]);
        assert_eq!(maps, [vec![0, 1]]);
    }
}
