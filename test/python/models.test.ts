import { describe, expect, test } from 'vitest';
import { extractFacts } from '../../src/python/extract.js';

const rels = (f: ReturnType<typeof extractFacts>, cls: string) =>
  f.classes.find((c) => c.name === cls)!.relationships.map((r) => ({
    attribute: r.attribute,
    target: r.target,
    targetIsString: r.targetIsString,
  }));

describe('SQLAlchemy facts', () => {
  test('1.x declarative models', () => {
    const f = extractFacts(`import sqlalchemy as sa
from sqlalchemy.orm import relationship, backref
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()

class TimestampMixin:
    __abstract__ = True

class Provider(Base, TimestampMixin):
    __tablename__ = "providers"
    id = sa.Column(sa.Integer, primary_key=True)
    licenses = relationship("License", back_populates="provider")
    activities = relationship("contexts.cme.models.CMEActivity", backref="provider")
    documents = sa.orm.relationship(argument="Document", backref=backref("owner", lazy="joined"))
    notes = relationship(Note)
    computed = relationship(lambda: Other)

class License(Base):
    __tablename__ = 'licenses'
    provider = relationship("Provider", back_populates="licenses")
`);
    expect(f.baseFactories.map((b) => [b.variable, b.factory])).toEqual([['Base', 'declarative_base']]);
    expect(f.classes.map((c) => [c.name, c.bases, c.abstract])).toEqual([
      ['TimestampMixin', [], true],
      ['Provider', ['Base', 'TimestampMixin'], false],
      ['License', ['Base'], false],
    ]);
    expect(rels(f, 'Provider')).toEqual([
      { attribute: 'licenses', target: 'License', targetIsString: true },
      { attribute: 'activities', target: 'contexts.cme.models.CMEActivity', targetIsString: true },
      { attribute: 'documents', target: 'Document', targetIsString: true },
      { attribute: 'notes', target: 'Note', targetIsString: false },
    ]);
    // back_populates and backref are read by MDL002; the class body's names too.
    const provider = f.classes.find((c) => c.name === 'Provider')!;
    expect(Object.keys(provider)).not.toContain('tablename');
    expect(provider.relationships.map((r) => [r.attribute, r.backPopulates, r.backref])).toEqual([
      ['licenses', 'provider', undefined],
      ['activities', undefined, 'provider'],
      ['documents', undefined, 'owner'],
      ['notes', undefined, undefined],
    ]);
    expect(provider.attributes).toEqual(['__tablename__', 'id', 'licenses', 'activities', 'documents', 'notes', 'computed']);
    // span of a relationship is the target expression (the string literal with quotes)
    const lic = f.classes.find((c) => c.name === 'Provider')!.relationships[0];
    expect(lic).toMatchObject({ line: 13, column: 29, endLine: 13, endColumn: 38 });
  });

  test('2.0 Mapped[...] annotations give the target when relationship() has none', () => {
    const f = extractFacts(`from typing import List, Optional
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, registry
import sqlalchemy.orm as orm

class Base(DeclarativeBase):
    pass

mapper_registry = registry()
OtherBase = mapper_registry.generate_base()

class Parent(Base):
    __tablename__ = "parent"
    children: Mapped[List["Child"]] = relationship(back_populates="parent")
    kids: Mapped[list["Child"]] = orm.relationship()
    favourite: Mapped[Optional["Child"]] = relationship()
    maybe: Mapped["Child | None"] = relationship()
    plain: Mapped["Child"] = relationship()
    unquoted: Mapped[Child] = relationship()
    union: Mapped[Child | None] = relationship()

class Child(Base):
    __tablename__ = "child"
    parent: Mapped["Parent"] = relationship(back_populates="children")
`);
    expect(f.classes.find((c) => c.name === 'Base')!.bases).toEqual(['DeclarativeBase']);
    expect(f.baseFactories.map((b) => [b.variable, b.factory])).toEqual([['OtherBase', 'generate_base']]);
    expect(rels(f, 'Parent').map((r) => [r.attribute, r.target, r.targetIsString])).toEqual([
      ['children', 'Child', true],
      ['kids', 'Child', true],
      ['favourite', 'Child', true],
      ['maybe', 'Child', true],
      ['plain', 'Child', true],
      ['unquoted', 'Child', false],
      ['union', 'Child', false],
    ]);
    expect(rels(f, 'Child')[0]).toMatchObject({ target: 'Parent' });
  });

  test('Flask-SQLAlchemy db.Model', () => {
    const f = extractFacts(`from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    __tablename__ = "users"
    posts = db.relationship("Post", backref="author", lazy=True)
`);
    expect(f.baseFactories.map((b) => [b.variable, b.factory, b.line])).toEqual([['db', 'flask_sqlalchemy', 2]]);
    expect(f.classes.map((c) => [c.name, c.bases])).toEqual([['User', ['db.Model']]]);
    expect(rels(f, 'User')).toEqual([{ attribute: 'posts', target: 'Post', targetIsString: true }]);
  });
});
