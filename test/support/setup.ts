// Decorator metadata for MikroORM and type-graphql, as the entry points import it.
import 'reflect-metadata';
