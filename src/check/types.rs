//! Type expressions -> types; `type` declarations and `redef enum` / `redef record`.

use super::{Checker, R};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, Span, TypeExpr};
use crate::types::{EnumType, Field, RecordType, Type};
use std::cell::RefCell;
use std::rc::Rc;

impl Checker {
    pub fn resolve_type(&mut self, t: &TypeExpr) -> R<Type> {
        Ok(match t {
            TypeExpr::Name(n, span) => match self.lookup_type(n).inspect(|_| {
                self.warn_if_deprecated_name(n, *span);
            }) {
                Some(t) => t,
                None => return Err(self.err(format!("identifier not defined: {}", n), *span)),
            },
            TypeExpr::Table(idx, y) => {
                let index = idx
                    .iter()
                    .map(|i| self.resolve_type(i))
                    .collect::<R<Vec<_>>>()?;
                Type::table_of(index, self.resolve_type(y)?)
            }
            TypeExpr::Set(idx) => Type::set_of(
                idx.iter()
                    .map(|i| self.resolve_type(i))
                    .collect::<R<Vec<_>>>()?,
            ),
            TypeExpr::Vector(e) => Type::vector_of(self.resolve_type(e)?),
            TypeExpr::Record(fields) => {
                let rt = Rc::new(RecordType {
                    name: RefCell::new(None),
                    fields: RefCell::new(Vec::new()),
                });
                self.add_fields(&rt, fields)?;
                Type::Record(rt)
            }
            TypeExpr::Enum(items) => {
                let et = Rc::new(EnumType {
                    name: String::new(),
                    names: RefCell::new(Vec::new()),
                });
                self.add_enum_items(&et, items);
                Type::Enum(et)
            }
            TypeExpr::Func(kind, params, ret) => {
                Type::Func(self.func_type(*kind, params, &ret.as_ref().map(|r| (**r).clone()))?)
            }
            TypeExpr::File => Type::File,
            TypeExpr::Opaque(n) => Type::Opaque(n.as_str().into()),
        })
    }

    pub fn add_fields(&mut self, rt: &Rc<RecordType>, fields: &[ast::FieldDecl]) -> R<()> {
        for f in fields {
            self.check_default_insert(&f.attrs, false)?;
            self.check_duplicate_attrs(&f.attrs)?;
            let ty = self.resolve_type(&f.ty)?;
            let optional = f.attrs.iter().any(|a| a.name == "optional");
            let log = f.attrs.iter().any(|a| a.name == "log");
            let default = match f
                .attrs
                .iter()
                .find(|a| a.name == "default")
                .and_then(|a| a.value.as_ref())
            {
                Some(e) => Some(Rc::new(self.check_expr_in_global(e, Some(&ty))?)),
                None => None,
            };
            rt.fields.borrow_mut().push(Field {
                name: f.name.clone(),
                ty,
                optional,
                log,
                default,
                deprecated: super::deprecation::deprecation_message(&f.attrs).map(Rc::from),
            });
        }
        Ok(())
    }

    pub fn add_enum_items(&mut self, et: &Rc<EnumType>, items: &[ast::EnumItem]) {
        for it in items {
            if let Some(msg) = it.bad_value {
                self.err(msg, it.span).emit();
                continue;
            }
            let next = {
                let names = et.names.borrow();
                it.value
                    .unwrap_or_else(|| names.iter().map(|(_, v)| v + 1).max().unwrap_or(0))
            };
            let full = self.full_name(&it.name);
            self.note_deprecated(&full, &it.attrs);
            et.names.borrow_mut().push((full.clone(), next));
            self.consts.insert(full, Value::Enum(et.clone(), next));
        }
    }

    /// A name may become a type only once, as in Zeek; completing an empty (stub) record or
    /// declaring an enum again is allowed.
    fn check_type_redeclaration(&mut self, full: &str, te: &TypeExpr, span: Span) -> R<()> {
        if self.globals.contains_key(full) {
            let msg = format!("Identifier {full} has already been declared and is not a type");
            return Err(self.err(msg, span));
        }
        let Some(first) = self.type_spans.get(full).copied() else {
            return Ok(());
        };
        let allowed = match (self.types.get(full), te) {
            (Some(Type::Record(r)), TypeExpr::Record(_)) => r.fields.borrow().is_empty(),
            (Some(Type::Enum(_)), TypeExpr::Enum(_)) => true,
            _ => false,
        };
        if allowed {
            return Ok(());
        }
        let at = crate::diag::file_line(first);
        let msg = format!("Type {full} has already been declared at {at}");
        Err(self.err(msg, span))
    }

    pub fn declare_type(&mut self, name: &str, te: &TypeExpr, span: Span) -> R<()> {
        let full = self.full_name(name);
        self.check_type_redeclaration(&full, te, span)?;
        self.type_spans.entry(full.clone()).or_insert(span);
        let ty = match te {
            TypeExpr::Enum(items) => {
                let et = Rc::new(EnumType {
                    name: full.clone(),
                    names: RefCell::new(Vec::new()),
                });
                self.types.insert(full.clone(), Type::Enum(et.clone()));
                crate::types::register_enum(&et);
                self.add_enum_items(&et, items);
                return Ok(());
            }
            TypeExpr::Record(fields) => {
                let rt = Rc::new(RecordType {
                    name: RefCell::new(Some(full.clone())),
                    fields: RefCell::new(Vec::new()),
                });
                // Registered first so fields may refer to the record itself.
                self.types.insert(full.clone(), Type::Record(rt.clone()));
                self.add_fields(&rt, fields)?;
                return Ok(());
            }
            // An alias of an unknown name: Zeek adds that no alias was made.
            TypeExpr::Name(..) => self
                .resolve_type(te)
                .inspect_err(|d| {
                    d.emit();
                })
                .map_err(|_| self.err("Error trying to create alias to nonexistent type", span))?,
            _ => self.resolve_type(te)?,
        };
        if let Type::Table(t) = &ty {
            if t.name.borrow().is_none() {
                // Named table types get a fresh identity so their name can be printed.
                let nt = crate::types::TableType {
                    index: t.index.clone(),
                    yield_ty: t.yield_ty.clone(),
                    name: RefCell::new(Some(full.clone())),
                };
                self.types.insert(full, Type::Table(Rc::new(nt)));
                return Ok(());
            }
        }
        self.types.insert(full, ty);
        Ok(())
    }

    pub fn redef_enum(&mut self, name: &str, items: &[ast::EnumItem], span: Span) -> R<()> {
        match self.lookup_type(name) {
            Some(Type::Enum(et)) => {
                self.add_enum_items(&et, items);
                Ok(())
            }
            _ => {
                // Fatal in Zeek (the parser cannot go on), reported at the first line.
                let msg = format!("unknown enum identifier \"{}\"", name);
                let mut d = self.err(msg, span.first_line());
                d.level = crate::diag::Level::Fatal;
                Err(d)
            }
        }
    }

    pub fn redef_record(&mut self, name: &str, fields: &[ast::FieldDecl], span: Span) -> R<()> {
        match self.lookup_type(name) {
            Some(Type::Record(rt)) => {
                // Values made before the redef get no value for a new field, so it must be
                // allowed to be absent.
                let required = fields.iter().any(|f| {
                    !f.attrs
                        .iter()
                        .any(|a| a.name == "optional" || a.name == "default")
                });
                if required {
                    let msg = "extension field must be &optional or have &default";
                    return Err(self.err(msg, span).with_ctx(name.to_string()));
                }
                self.add_fields(&rt, fields)
            }
            _ => Err(self.err(format!("unknown record identifier \"{}\"", name), span)),
        }
    }
}
