// Symbol visibility for the bengle library.
//
// The library is built with hidden visibility; BENGLE_EXPORT marks the public
// API. Static builds (the default) need nothing from users.
#ifndef BENGLE_EXPORT_H_
#define BENGLE_EXPORT_H_

#if defined(BENGLE_SHARED_LIBRARY)
#if defined(BENGLE_BUILDING_LIBRARY)
#define BENGLE_EXPORT [[gnu::visibility("default")]]
#else
#define BENGLE_EXPORT
#endif
#else
#define BENGLE_EXPORT
#endif

#endif  // BENGLE_EXPORT_H_
