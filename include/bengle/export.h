// Symbol visibility for the bengle library.
//
// The library is compiled once with hidden visibility, and BENGLE_EXPORT
// marks the public API, so that libbengle.so exports only that (libbengle.a
// is made of the same objects). Users need define nothing.
#ifndef BENGLE_EXPORT_H_
#define BENGLE_EXPORT_H_

#if defined(BENGLE_BUILDING_LIBRARY)
#define BENGLE_EXPORT [[gnu::visibility("default")]]
#else
#define BENGLE_EXPORT
#endif

#endif  // BENGLE_EXPORT_H_
