//! Reading messages without building a JSON tree: a message's type and topic (for routing),
//! and the event a `data-message` carries, its arguments read straight into values of the
//! types the event's declaration gives them (`typed.rs`). What is accepted and refused is what
//! reading into a `serde_json::Value` first did: the same parser checks the whole text (depth
//! limit, escapes, numbers), only the parts the tree-based reading looked at decide, and where
//! an object repeats a key the last one counts.

use super::json::{next_key, next_text, AnyVisitor, DataOf, Seed, TextVisitor, ANY};
use super::typed::Typed;
use crate::runtime::value::{FuncVal, Value};
use crate::types::ParamType;
use serde_core::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// What a message says it is and where it goes: its `type` and `topic`, where they are strings.
#[derive(Default)]
pub struct Envelope<'a> {
    pub kind: Option<Cow<'a, str>>,
    pub topic: Option<Cow<'a, str>>,
}

/// The envelope of a message (empty if it is not an object); None if the text is not valid JSON.
pub fn envelope(text: &str) -> Option<Envelope<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let env = de.deserialize_any(EnvelopeVisitor).ok()?;
    de.end().ok()?;
    Some(env.unwrap_or_default())
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Option<Envelope<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a message")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut env = Envelope::default();
        while let Some(k) = next_key(&mut map)? {
            match &*k {
                "type" => env.kind = next_text(&mut map)?,
                "topic" => env.topic = next_text(&mut map)?,
                _ => drop(map.next_value_seed(ANY)?),
            }
        }
        Ok(Some(env))
    }
}

/// The event an event message carries and its arguments, decoded as the event's declaration
/// (found by `lookup`, which gives None for names that are not events here) says; otherwise
/// why not, in the reporter's words.
pub fn event<L>(text: &str, mut lookup: L) -> Result<(Rc<FuncVal>, Vec<Value>), String>
where
    L: FnMut(&str) -> Option<Rc<FuncVal>>,
{
    let mut de = serde_json::Deserializer::from_str(text);
    // The text was checked when it arrived; a parse error cannot happen here.
    let found = de
        .deserialize_any(Message {
            lookup: &mut lookup,
        })
        .ok()
        .flatten();
    let Some(ev) = found else {
        return Err("data-message does not carry an event".into());
    };
    let Some(f) = ev.func else {
        return Err(format!("received unknown remote event '{}'", ev.name));
    };
    let params = &f.ty.params;
    if params.len() != ev.args.count {
        return Err(format!(
            "failed to process remote event '{}': expected {} arguments, got {}",
            ev.name,
            params.len(),
            ev.args.count
        ));
    }
    if let Some(i) = ev.args.misfit {
        return Err(format!(
            "failed to process remote event '{}': argument {} is not a {}",
            ev.name,
            i + 1,
            params[i].ty.describe()
        ));
    }
    Ok((f, ev.args.values))
}

/// What an event message held: the name, its declaration if there is one, the arguments.
struct Found<'a> {
    name: Cow<'a, str>,
    func: Option<Rc<FuncVal>>,
    args: Args,
}

struct Args {
    count: usize,
    /// The first argument that does not fit its parameter's type.
    misfit: Option<usize>,
    values: Vec<Value>,
}

/// The message object: `{..., "data": [format, type, event]}`.
struct Message<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for Message<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a data-message")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(k) = next_key(&mut map)? {
            if k == "data" {
                let lookup = &mut *self.lookup;
                found = map.next_value_seed(Seed(Parts { lookup }))?;
            } else {
                map.next_value_seed(ANY)?;
            }
        }
        Ok(found)
    }
}

/// The message's data: `[format, type, {"data": [name, args]}, ...]`.
struct Parts<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for Parts<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        for _ in 0..2 {
            if seq.next_element_seed(ANY)?.is_none() {
                return Ok(None);
            }
        }
        let lookup = self.lookup;
        let found = seq.next_element_seed(Seed(EventObject { lookup }))?;
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(found.flatten())
    }
}

/// `{"data": [name, args, ...]}`.
struct EventObject<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for EventObject<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    only_objects!('de);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(k) = next_key(&mut map)? {
            if k == "data" {
                let lookup = &mut *self.lookup;
                found = map.next_value_seed(Seed(EventList { lookup }))?;
            } else {
                map.next_value_seed(ANY)?;
            }
        }
        Ok(found)
    }
}

/// `[{"data": name}, {"data": [args...]}, ...]`: the name decides how the arguments are read.
struct EventList<'l, L> {
    lookup: &'l mut L,
}

impl<'de, L: FnMut(&str) -> Option<Rc<FuncVal>>> Visitor<'de> for EventList<'_, L> {
    type Value = Option<Found<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(name) = seq.next_element_seed(Seed(DataOf(TextVisitor)))? else {
            return Ok(None);
        };
        let name = name.flatten();
        let func = name.as_deref().and_then(|n| (self.lookup)(n));
        let params = func.as_ref().map(|f| f.ty.params.as_slice());
        let Some(args) = seq.next_element_seed(Seed(DataOf(ArgList { params })))? else {
            return Ok(None);
        };
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(match (name, args.flatten()) {
            (Some(name), Some(args)) => Some(Found { name, func, args }),
            _ => None,
        })
    }
}

/// The argument list, each read as its parameter says (or just counted, for an unknown event
/// or a parameter too many).
#[derive(Clone, Copy)]
struct ArgList<'t> {
    params: Option<&'t [ParamType]>,
}

impl<'de> Visitor<'de> for ArgList<'_> {
    type Value = Option<Args>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    only_lists!('de);
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let params = self.params.unwrap_or_default();
        let mut args = Args {
            count: 0,
            misfit: None,
            values: Vec::with_capacity(params.len()),
        };
        loop {
            let i = args.count;
            if let Some(p) = params.get(i) {
                match seq.next_element_seed(Typed(&p.ty))? {
                    None => break,
                    Some(Some(v)) => args.values.push(v),
                    Some(None) => {
                        args.misfit.get_or_insert(i);
                    }
                }
            } else if seq.next_element_seed(ANY)?.is_none() {
                break;
            }
            args.count += 1;
        }
        Ok(Some(args))
    }
}
