// Package matv5 reads MATLAB level-5 MAT-files (the format of MATLAB's
// save -v6 and -v7): numeric arrays of every class, logical and char arrays,
// cell arrays, structs and objects, nested to any depth, with or without
// zlib compression. MAT v7.3 files are HDF5 containers; they are detected
// and rejected with a clear error.
//
// Layout (MathWorks, "MAT-File Format", level 5): a 128-byte header (116
// bytes of text, 8 bytes of subsystem offset, version 0x0100 and the
// endian indicator "IM"/"MI"), then data elements. Each element is an 8-byte
// tag (type, byte count) followed by the data padded to 8 bytes, or a
// "small" 4-byte tag with up to 4 bytes of data. miCOMPRESSED elements hold
// a zlib stream of one element. An miMATRIX element holds, in order: array
// flags (class, logical/complex bits), dimensions, name, then the class
// data: real (and imaginary) parts for numeric classes, characters for
// char arrays, prod(dims) matrices for cells, and for structs the field
// name length, the names and prod(dims)·nfields matrices.
//
// Arrays are column-major: element (i₀, i₁, …) of an array with dimensions
// (n₀, n₁, …) is at linear index i₀ + n₀·(i₁ + n₁·(i₂ + …)).
package matv5
