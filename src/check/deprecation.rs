//! `&deprecated`: which globals, types, enum names and record fields are deprecated, and the
//! warning each use of one gets (`deprecated (NAME): MESSAGE`) unless
//! `@pragma push ignore-deprecations` covers the use.

use super::Checker;
use crate::diag::{Diag, Level};
use crate::syntax::ast::{self, Span};

/// The message of a `&deprecated` attribute ("" without one), if `attrs` have it.
pub fn deprecation_message(attrs: &[ast::Attr]) -> Option<String> {
    let a = attrs.iter().find(|a| a.name == "deprecated")?;
    Some(match a.value.as_ref().map(|e| &e.kind) {
        Some(ast::ExprKind::Lit(ast::Literal::Str(s))) => crate::diag::latin1(s),
        _ => String::new(),
    })
}

/// Whether any field of `rt` is deprecated (the common answer, no, ends the checks early).
fn has_deprecated_field(rt: &crate::types::RecordType) -> bool {
    rt.fields.borrow().iter().any(|f| f.deprecated.is_some())
}

/// How Zeek shows the constructor at `ctor` coerced to record type `to`.
pub fn coercion_ctx(ctor: Span, to: &crate::types::RecordType) -> String {
    format!(
        "(coerce {} to {})",
        crate::syntax::render::canonical(ctor, false),
        to.name.borrow().clone().unwrap_or_default()
    )
}

/// Warn about a use of deprecated `what` at `span` (`ctx`: the expression, if Zeek shows it).
pub fn warn(what: &str, msg: &str, span: Span, ctx: Option<String>) {
    if crate::diag::deprecations_ignored(span) {
        return;
    }
    let mut text = format!("deprecated ({what})");
    if !msg.is_empty() {
        text.push_str(": ");
        text.push_str(msg);
    }
    let mut d = Diag::new(Level::Warning, text, Some(span));
    d.ctx = ctx;
    d.emit();
}

impl Checker {
    /// Remember the global, type or enum name `full` as deprecated if `attrs` say so.
    pub fn note_deprecated(&mut self, full: &str, attrs: &[ast::Attr]) {
        if let Some(m) = deprecation_message(attrs) {
            self.deprecated.insert(full.to_string(), m);
        }
    }

    /// A use of global, type or enum name `name` (as written) at `span`.
    pub fn warn_if_deprecated_name(&self, name: &str, span: Span) {
        if self.deprecated.is_empty() {
            return;
        }
        let full = self.candidates(name).into_iter().find(|c| {
            self.globals.contains_key(c)
                || self.consts.contains_key(c)
                || self.types.contains_key(c)
        });
        if let Some(full) = full {
            self.warn_if_deprecated(&full, span);
        }
    }

    /// A use of the global, type or enum name `full` at `span`.
    pub fn warn_if_deprecated(&self, full: &str, span: Span) {
        if let Some(m) = self.deprecated.get(full) {
            warn(full, m, span, None);
        }
    }

    /// `rec$f` / `rec?$f` at `span`, when `rec` has a record type.
    pub fn warn_field_use(&self, ty: &crate::types::Type, field: &str, has: bool, span: Span) {
        if let crate::types::Type::Record(rt) = ty {
            if has_deprecated_field(rt) {
                let ctx = crate::syntax::render::canonical(span, false);
                self.warn_deprecated_field(rt, field, has, span, ctx);
            }
        }
    }

    /// A constructor at `span` setting `fields` of record type `rt` (shown as `ctx()`): each
    /// deprecated field it sets is a use.
    pub fn warn_set_fields<'a>(
        &self,
        rt: &crate::types::RecordType,
        fields: impl Iterator<Item = &'a str>,
        span: Span,
        ctx: impl FnOnce() -> String,
    ) {
        if !has_deprecated_field(rt) {
            return;
        }
        let ctx = ctx();
        for f in fields {
            self.warn_deprecated_field(rt, f, false, span, ctx.clone());
        }
    }

    /// An anonymous record (a constructor at `ctor`) coerced to record type `to` at `span`.
    pub fn warn_coerced_fields(
        &self,
        from: &crate::types::RecordType,
        to: &crate::types::RecordType,
        ctor: Span,
        span: Span,
    ) {
        if from.name.borrow().is_some() {
            return;
        }
        let names: Vec<String> = from
            .fields
            .borrow()
            .iter()
            .map(|f| f.name.clone())
            .collect();
        self.warn_set_fields(to, names.iter().map(String::as_str), span, || {
            coercion_ctx(ctor, to)
        });
    }

    /// A use of field `field` of record type `rt` (`rec$f`, `rec?$f`, a constructor naming it).
    pub fn warn_deprecated_field(
        &self,
        rt: &crate::types::RecordType,
        field: &str,
        has: bool,
        span: Span,
        ctx: String,
    ) {
        let fields = rt.fields.borrow();
        let Some(msg) = fields
            .iter()
            .find(|f| f.name == field)
            .and_then(|f| f.deprecated.clone())
        else {
            return;
        };
        let rname = rt.name.borrow().clone().unwrap_or_default();
        let what = format!("{}{}${}", rname, if has { "?" } else { "" }, field);
        warn(&what, &msg, span, Some(ctx));
    }
}
